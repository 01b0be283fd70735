import type { AppConnection } from '../apps/app-registry';
import { detachedCopies } from '../sip/retained-copies';
import type { Destination, TransportName } from '../transport/transport-layer';

export interface Dialog {
  /** drachtio dialog id: `<Call-ID>;from-tag=<From tag of the dialog-creating request>` */
  id: string;
  /** see dialogKey() */
  key: string;
  role: 'uas' | 'uac';
  method: string;
  app?: AppConnection;
  callId: string;
  localTag: string;
  remoteTag: string;
  /** From header value we use on our requests (local URI + our tag) */
  localHeader: string;
  /** To header value we use on our requests */
  remoteHeader: string;
  localCseq: number;
  remoteCseq: number;
  remoteTarget: string;
  routeSet: string[];
  transport: TransportName;
  connectionKey?: string;
  localContact: string;
  lastInviteCseq: number;
  ackedCseq: number;
  lastAck?: { cseq: number; data: string; dest: Destination };
  uas2xx?: { cseq: number; data: string; dest: Destination; timer?: NodeJS.Timeout; interval: number; started: number };
  lifetime?: NodeJS.Timeout;
  terminated: boolean;
}

/**
 * A dialog lives as long as its call, and the values it was made from are slices of the
 * request and response that created it: with copies it keeps a few hundred bytes instead of
 * both whole messages.
 */
function detachStrings(d: Dialog): void {
  const [id, key, callId, localTag, remoteTag, localHeader, remoteHeader, remoteTarget, localContact, method, ...routeSet] = detachedCopies([
    d.id, d.key, d.callId, d.localTag, d.remoteTag, d.localHeader, d.remoteHeader, d.remoteTarget, d.localContact, d.method, ...d.routeSet,
  ]);
  Object.assign(d, { id, key, callId, localTag, remoteTag, localHeader, remoteHeader, remoteTarget, localContact, method, routeSet });
}

/** How a dialog is found from a SIP message: Call-ID plus our tag and the peer's. */
export function dialogKey(callId: string, localTag: string, remoteTag: string): string {
  return `${callId}|${localTag}|${remoteTag}`;
}

/**
 * Every live dialog, by SIP identity (for messages from the network) and by drachtio
 * dialog id (for messages from apps). Each dialog gets a hard lifetime cap when added.
 */
export class DialogTable {
  private readonly byKey = new Map<string, Dialog>();
  private readonly byId = new Map<string, Dialog>();

  constructor(
    private readonly maxLifetimeMs: number,
    private readonly onLifetimeExceeded: (d: Dialog) => void,
  ) {}

  find(callId: string, localTag: string, remoteTag: string): Dialog | undefined {
    return this.byKey.get(dialogKey(callId, localTag, remoteTag));
  }

  getById(id: string): Dialog | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.byId.size;
  }

  values(): IterableIterator<Dialog> {
    return this.byId.values();
  }

  add(d: Dialog): void {
    detachStrings(d);
    this.byKey.set(d.key, d);
    this.byId.set(d.id, d);
    d.lifetime = setTimeout(() => this.onLifetimeExceeded(d), this.maxLifetimeMs);
    d.lifetime.unref();
  }

  /** Marks the dialog terminated, stops its timers and forgets it. */
  remove(d: Dialog): void {
    d.terminated = true;
    if (d.lifetime) clearTimeout(d.lifetime);
    if (d.uas2xx?.timer) clearTimeout(d.uas2xx.timer);
    d.uas2xx = undefined;
    if (this.byKey.get(d.key) === d) this.byKey.delete(d.key);
    if (this.byId.get(d.id) === d) this.byId.delete(d.id);
  }
}
