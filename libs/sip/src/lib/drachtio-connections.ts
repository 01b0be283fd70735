import type { EventEmitter } from 'node:events';
import Srf from 'drachtio-srf';
import type { Logger } from 'pino';

export interface DrachtioConnectionsOptions {
  /** host:port[,host:port...] (DRACHTIO_SERVERS). */
  servers: string;
  secret: string;
  logger: Logger;
}

/**
 * An app's attachments to every drachtio server it is configured with: one
 * `Srf` each, set up by the app (its request handlers) before it connects.
 * drachtio-srf reconnects by itself after a lost connection; `connected`
 * says whether every server is attached right now (readiness).
 */
export class DrachtioConnections {
  private readonly srfs: Srf[] = [];
  private readonly up = new Set<Srf>();
  /** The socket of a connection lost and not yet back: what stops drachtio-srf's retries at close. */
  private readonly lost = new Map<Srf, unknown>();

  constructor(private readonly o: DrachtioConnectionsOptions) {}

  /** Attaches to each server in turn; resolves once every one accepted the app. */
  async connect(setup: (srf: Srf) => void): Promise<void> {
    for (const hostport of this.o.servers.split(',').map((s) => s.trim())) {
      const [host, port] = hostport.split(':');
      const srf = new Srf();
      setup(srf);
      srf.on('error', (err) => this.o.logger.warn({ err, hostport }, 'drachtio connection error; retrying'));
      srf.on('connect', (_err, hp) => {
        this.up.add(srf);
        this.lost.delete(srf);
        this.o.logger.info({ hostport, sip: hp }, 'attached to drachtio server');
      });
      // drachtio-srf emits 'close' (with the socket) when a connection is lost, then retries by
      // itself; its typings name a 'disconnect' event instead, which it never emits.
      (srf as EventEmitter).on('close', (socket: unknown) => {
        this.up.delete(srf);
        this.lost.set(srf, socket);
        this.o.logger.warn({ hostport }, 'lost the drachtio server; reconnecting');
      });
      await srf.connect({ host, port: Number(port), secret: this.o.secret });
      this.srfs.push(srf);
    }
  }

  /**
   * Asks every server to send new requests of `method` (an INVITE: a new call) to the other apps
   * that take it, while requests within this app's dialogs keep coming: the start of a drain.
   * drachtio-srf's `unregisterForMessages` (the `remove_route` command; drachtio-srf 4.5.37 and
   * drachtio-server 0.8.26 on, made for exactly this) is missing from its typings. A server with
   * no other such app answers those requests 503 itself.
   */
  stopTaking(method: string): void {
    for (const srf of this.srfs) (srf as Srf & { unregisterForMessages(verb: string): void }).unregisterForMessages(method);
  }

  /** Whether every configured server is attached. */
  get connected(): boolean {
    return this.srfs.length > 0 && this.srfs.every((s) => this.up.has(s));
  }

  /**
   * Detaches from every server. One whose connection was lost has no socket for a plain
   * `disconnect()` (drachtio-srf asserts); ending its lost socket stops its retries instead.
   */
  close(): void {
    for (const srf of this.srfs) {
      if (this.up.has(srf)) srf.disconnect();
      else if (this.lost.has(srf)) (srf.disconnect as (socket?: unknown) => void)(this.lost.get(srf));
    }
    this.up.clear();
    this.lost.clear();
  }
}
