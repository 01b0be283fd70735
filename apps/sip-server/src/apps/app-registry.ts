import type * as net from 'node:net';
import { encodeFrame } from './wire-framing';

let nextAppId = 1;

/** One authenticated drachtio-srf client connection. */
export class AppConnection {
  readonly id = nextAppId++;
  authenticated = false;
  tags: string[] = [];
  readonly routes = new Set<string>();
  closed = false;

  /** frames queued during this turn of the event loop, written as one */
  private pending = '';
  private flushQueued = false;

  constructor(readonly socket: net.Socket) {}

  /**
   * Queues one frame. Frames produced while handling a burst of packets go out in a
   * single write once the loop has handled them all: one syscall per burst instead of one
   * per frame, which under load was the server's largest single cost.
   */
  send(tokens: (string | number)[], sip?: string): void {
    if (this.closed || this.socket.destroyed) return;
    this.pending += encodeFrame(tokens, sip);
    if (!this.flushQueued) {
      this.flushQueued = true;
      setImmediate(this.flush);
    }
  }

  /** Sends what is queued, then closes the connection. */
  end(): void {
    this.flush();
    this.socket.end();
  }

  private readonly flush = (): void => {
    this.flushQueued = false;
    const data = this.pending;
    this.pending = '';
    if (data && !this.closed && !this.socket.destroyed) this.socket.write(data);
  };

  get label(): string {
    return `${this.socket.remoteAddress}:${this.socket.remotePort}#${this.id}`;
  }
}

/**
 * Retry-After on a 503 for a request whose app is away (disconnected mid-request, or every app for
 * its method gone): an app restarting is back within seconds.
 */
export const APP_AWAY_RETRY_AFTER_SECONDS = '5';

/** Normalises a route verb: SIP methods upper-case, cdr events as sent. */
export function normalizeVerb(verb: string): string {
  return verb.startsWith('cdr:') ? verb : verb.toUpperCase();
}

/**
 * Which app receives what. New requests for a method are spread round-robin across
 * the apps that routed it, so replicas share load; CDR events for one call always go
 * to the same app (hashed on Call-ID) so one consumer sees attempt, start and stop.
 */
export class AppRegistry {
  private readonly byVerb = new Map<string, AppConnection[]>();
  private readonly rr = new Map<string, number>();
  readonly apps = new Set<AppConnection>();

  add(app: AppConnection): void {
    this.apps.add(app);
  }

  route(app: AppConnection, verb: string): void {
    const v = normalizeVerb(verb);
    app.routes.add(v);
    const list = this.byVerb.get(v) ?? [];
    if (!list.includes(app)) list.push(app);
    this.byVerb.set(v, list);
  }

  removeRoute(app: AppConnection, verb: string): void {
    const v = normalizeVerb(verb);
    app.routes.delete(v);
    const list = this.byVerb.get(v);
    if (list) this.byVerb.set(v, list.filter((a) => a !== app));
  }

  remove(app: AppConnection): void {
    this.apps.delete(app);
    for (const v of [...app.routes]) this.removeRoute(app, v);
  }

  pick(method: string): AppConnection | undefined {
    const list = this.byVerb.get(method);
    if (!list || !list.length) return undefined;
    const i = (this.rr.get(method) ?? 0) % list.length;
    this.rr.set(method, i + 1);
    return list[i];
  }

  pickForCdr(event: string, callId: string): AppConnection | undefined {
    const list = this.byVerb.get(event);
    if (!list || !list.length) return undefined;
    let h = 0;
    for (let i = 0; i < callId.length; i++) h = (h * 31 + callId.charCodeAt(i)) >>> 0;
    return list[h % list.length];
  }

  /** Whether any app has routed `method` since the server started (it may have none right now). */
  everRouted(method: string): boolean {
    return this.byVerb.has(method);
  }

  /** SIP methods some app routes right now (CDR events left out), sorted. */
  routedMethods(): string[] {
    return [...this.byVerb].filter(([v, apps]) => apps.length > 0 && !v.startsWith('cdr:')).map(([v]) => v).sort();
  }

  routedCount(verb: string): number {
    return this.byVerb.get(normalizeVerb(verb))?.length ?? 0;
  }

  hasAnyApp(): boolean {
    return this.apps.size > 0;
  }
}
