import { withoutTopVia } from '../sip/message-builders';
import type { SipMessage } from '../sip/sip-message';
import type { Destination, TransportLayer } from '../transport/transport-layer';

/**
 * Answered proxy branches whose operation is settled, by transaction key: for the rest of
 * Timer M they only pass further 2xx upstream, so that is all that is kept of them (a whole
 * transaction, its entry and proxy operation were most of what a proxied call cost for 64*T1).
 * Oldest first, as they were answered.
 */
export class AnsweredBranches {
  private readonly forwarders = new Map<string, { to: Destination; until: number }>();
  private readonly forwarderSweep: NodeJS.Timeout;

  constructor(
    private readonly transport: TransportLayer,
    t1: number,
  ) {
    this.forwarderSweep = setInterval(() => this.sweepForwarders(Date.now()), Math.min(1000, 8 * t1));
    this.forwarderSweep.unref();
  }

  get size(): number {
    return this.forwarders.size;
  }

  /** From now until `until`, further 2xx of the branch with this key go to `to`. */
  add(key: string, to: Destination, until: number): void {
    this.forwarders.set(key, { to, until });
  }

  /**
   * A response for a branch reduced to forwarding: a 2xx goes upstream without our Via
   * (RFC 3261 §16.7), anything else is dropped, as its Accepted transaction would have done.
   * False when no such branch matches.
   */
  forward(key: string, res: SipMessage): boolean {
    const f = this.forwarders.get(key);
    if (!f) return false;
    if (f.until <= Date.now()) {
      this.forwarders.delete(key);
      return false;
    }
    const status = res.status ?? 0;
    if (status >= 200 && status < 300) this.transport.send(f.to, withoutTopVia(res).toString());
    return true;
  }

  private sweepForwarders(now: number): void {
    for (const [key, f] of this.forwarders) {
      if (f.until > now) return;
      this.forwarders.delete(key);
    }
  }

  /** Server shutdown: no sweep runs afterwards. */
  close(): void {
    clearInterval(this.forwarderSweep);
    this.forwarders.clear();
  }
}
