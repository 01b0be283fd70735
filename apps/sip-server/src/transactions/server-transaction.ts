import type { SipMessage } from '../sip/sip-message';
import type { TimerConfig } from './timers';

export type ServerTxnState = 'trying' | 'proceeding' | 'completed' | 'confirmed' | 'accepted' | 'terminated';

export interface ServerTxnOptions {
  request: SipMessage;
  reliable: boolean;
  timers: TimerConfig;
  /** the encoded response, sent again as is on retransmissions */
  send: (data: Buffer) => void;
  onTerminated: () => void;
  /** Timer H fired: the ACK for our negative final response never came. */
  onAckTimeout?: () => void;
  /** a final response went out: the owner may drop what it no longer needs */
  onFinal?: () => void;
  /**
   * Non-INVITE over an unreliable transport: offered the final response instead of keeping this
   * transaction for Timer J. Returning true means the owner answers retransmissions with it until
   * 64*T1 has passed, and the transaction terminates at once.
   */
  lingerCompleted?: (response: Buffer) => boolean;
}

type ServerTxnCallbacks = Omit<ServerTxnOptions, 'request'>;

/**
 * RFC 3261 §17.2 server transactions (INVITE: Proceeding/Completed/Confirmed, plus the
 * RFC 6026 Accepted state so retransmitted INVITEs after a 2xx are absorbed;
 * non-INVITE: Trying/Proceeding/Completed).
 */
export class ServerTransaction {
  state: ServerTxnState;
  readonly isInvite: boolean;
  /**
   * Kept as bytes: a completed transaction lingers 64*T1 to answer retransmissions, and bytes
   * outside the JS heap are not copied by every young-generation GC meanwhile (a string was).
   */
  lastResponse?: Buffer;
  lastStatus = 0;
  private timers: NodeJS.Timeout[] = [];
  private gInterval: number;
  // the request itself is not retained: thousands of these linger for 64*T1 under load
  private readonly o: ServerTxnCallbacks;

  constructor(opts: ServerTxnOptions) {
    const { request, ...callbacks } = opts;
    this.o = callbacks;
    this.isInvite = request.method === 'INVITE';
    this.state = this.isInvite ? 'proceeding' : 'trying';
    this.gInterval = opts.timers.t1;
  }

  /** A retransmission of the request arrived: resend what the TU last said, if anything. */
  onRetransmission(): void {
    if (this.state === 'proceeding' || this.state === 'completed') {
      if (this.lastResponse) this.o.send(this.lastResponse);
    }
  }

  /** ACK matching this INVITE transaction (non-2xx case). Returns true when absorbed. */
  onAck(): boolean {
    if (!this.isInvite) return false;
    if (this.state === 'completed') {
      this.clearTimers();
      this.state = 'confirmed';
      this.after(this.o.reliable ? 0 : this.o.timers.t4, () => this.terminate()); // Timer I
      return true;
    }
    return this.state === 'confirmed';
  }

  sendResponse(status: number, data: string): void {
    if (this.state === 'terminated' || this.state === 'completed' || this.state === 'confirmed' || this.state === 'accepted') return;
    const bytes = Buffer.from(data, 'utf8');
    this.lastResponse = bytes;
    this.lastStatus = status;
    this.o.send(bytes);
    if (status < 200) {
      if (this.state === 'trying') this.state = 'proceeding';
      return;
    }
    this.o.onFinal?.();
    if (this.isInvite) {
      if (status < 300) {
        this.state = 'accepted';
        // 2xx retransmission belongs to the UAS core, so the response need not be kept
        this.lastResponse = undefined;
        this.after(64 * this.o.timers.t1, () => this.terminate()); // Timer L
      } else {
        this.state = 'completed';
        if (!this.o.reliable) this.scheduleG();
        this.after(64 * this.o.timers.t1, () => {
          // Timer H
          this.o.onAckTimeout?.();
          this.terminate();
        });
      }
    } else {
      this.state = 'completed';
      if (!this.o.reliable && this.o.lingerCompleted?.(bytes)) this.terminate();
      else this.after(this.o.reliable ? 0 : 64 * this.o.timers.t1, () => this.terminate()); // Timer J
    }
  }

  private scheduleG(): void {
    this.after(this.gInterval, () => {
      if (this.state !== 'completed' || !this.lastResponse) return;
      this.o.send(this.lastResponse);
      this.gInterval = Math.min(2 * this.gInterval, this.o.timers.t2);
      this.scheduleG();
    });
  }

  private after(ms: number, fn: () => void): void {
    const t = setTimeout(fn, ms);
    this.timers.push(t);
  }

  private clearTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
  }

  terminate(): void {
    if (this.state === 'terminated') return;
    this.clearTimers();
    this.state = 'terminated';
    // a proxied request's transaction may stay reachable a little longer (its branch's
    // Timer K); a small Buffer holds on to a whole 8 KiB pool chunk
    this.lastResponse = undefined;
    this.o.onTerminated();
  }
}
