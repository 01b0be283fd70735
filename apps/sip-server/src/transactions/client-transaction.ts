import type { SipMessage } from '../sip/sip-message';
import { DEFAULT_TIMER_C_MS, type TimerConfig } from './timers';

export type ClientTxnState = 'calling' | 'trying' | 'proceeding' | 'completed' | 'accepted' | 'terminated';

export interface ClientTxnOptions {
  request: SipMessage;
  /** the encoded request, sent again as is until a response stops retransmission */
  data: string;
  reliable: boolean;
  timers: TimerConfig;
  send: (data: string) => void;
  /** builds the ACK for a non-2xx final response (RFC 3261 §17.1.1.3) */
  buildAck: (response: SipMessage) => string;
  onResponse: (response: SipMessage) => void;
  /** Timer B/F fired, or the transport failed, or a CANCEL got no final response within 64*T1 */
  onTimeout: () => void;
  /**
   * INVITE: Timer C fired in Proceeding. The transaction stays open for the final response
   * to the CANCEL the owner is expected to send (RFC 3261 §16.8).
   */
  onTimerC?: () => void;
  onTerminated: () => void;
}

/** RFC 3261 §17.1 client transactions, with the RFC 6026 Accepted state for INVITE. */
export class ClientTransaction {
  state: ClientTxnState;
  readonly isInvite: boolean;
  private timers: NodeJS.Timeout[] = [];
  private retransmitTimer?: NodeJS.Timeout;
  private timerB?: NodeJS.Timeout;
  private timerC?: NodeJS.Timeout;
  private cancelTimer?: NodeJS.Timeout;
  private interval: number;
  private ack?: string;
  /**
   * Dropped once nothing will retransmit it: an answered INVITE stays 64*T1 in Accepted
   * (Timer M), and a whole encoded request per call for that long was a large part of what
   * a proxy or B2BUA kept. The request itself is not retained either.
   */
  private data?: string;
  lastStatus = 0;
  /** when a 2xx moved an INVITE to Accepted (Timer M runs 64*T1 from then) */
  acceptedAt = 0;
  private readonly o: Omit<ClientTxnOptions, 'request' | 'data'>;

  constructor(opts: ClientTxnOptions) {
    const { request, data, ...callbacks } = opts;
    this.o = callbacks;
    this.data = data;
    this.isInvite = request.method === 'INVITE';
    this.state = this.isInvite ? 'calling' : 'trying';
    this.interval = opts.timers.t1;
  }

  start(): void {
    this.o.send(this.data ?? '');
    if (!this.o.reliable) this.scheduleRetransmit(); // Timer A / E
    this.timerB = setTimeout(() => {
      // Timer B / F
      if (this.state === 'calling' || this.state === 'trying' || this.state === 'proceeding') {
        this.state = 'terminated';
        this.clearTimers();
        this.o.onTimeout();
        this.o.onTerminated();
      }
    }, 64 * this.o.timers.t1);
  }

  private scheduleRetransmit(): void {
    this.retransmitTimer = setTimeout(() => {
      if (this.data !== undefined && (this.state === 'calling' || this.state === 'trying' || (this.state === 'proceeding' && !this.isInvite))) {
        this.o.send(this.data);
        this.interval = this.isInvite ? 2 * this.interval : Math.min(2 * this.interval, this.o.timers.t2);
        this.scheduleRetransmit();
      }
    }, this.interval);
  }

  /** Transport error on send: behave as a timeout (RFC 3261 §17.1.4). */
  transportError(): void {
    if (this.state === 'terminated' || this.state === 'completed' || this.state === 'accepted') return;
    this.clearTimers();
    this.state = 'terminated';
    this.o.onTimeout();
    this.o.onTerminated();
  }

  onResponse(res: SipMessage): void {
    const status = res.status ?? 0;
    switch (this.state) {
      case 'calling':
      case 'trying':
      case 'proceeding':
        if (status < 200) {
          if (this.isInvite) {
            // Timer B only runs until the first provisional (§17.1.1.2): a ringing call
            // waits for its answer, a CANCEL, or Timer C
            if (this.retransmitTimer) clearTimeout(this.retransmitTimer);
            this.retransmitTimer = undefined;
            this.data = undefined;
            if (this.timerB) clearTimeout(this.timerB);
            this.timerB = undefined;
            if (!this.cancelTimer) this.restartTimerC();
          } else if (this.state === 'trying') {
            // Timer E continues at T2 in Proceeding
            this.interval = this.o.timers.t2;
          }
          this.state = 'proceeding';
          this.lastStatus = status;
          this.o.onResponse(res);
          return;
        }
        this.clearTimers();
        this.lastStatus = status;
        if (this.isInvite && status < 300) {
          this.state = 'accepted';
          this.acceptedAt = Date.now();
          this.after(64 * this.o.timers.t1, () => this.terminate()); // Timer M
          this.o.onResponse(res);
          return;
        }
        this.state = 'completed';
        if (this.isInvite) {
          this.ack = this.o.buildAck(res);
          this.o.send(this.ack);
          this.after(this.o.reliable ? 0 : 64 * this.o.timers.t1, () => this.terminate()); // Timer D
        } else {
          this.after(this.o.reliable ? 0 : this.o.timers.t4, () => this.terminate()); // Timer K
        }
        this.o.onResponse(res);
        return;
      case 'accepted':
        // further 2xx (forks or retransmissions) go to the TU, which ACKs them
        if (status >= 200 && status < 300) this.o.onResponse(res);
        return;
      case 'completed':
        if (this.isInvite && status >= 300 && this.ack) this.o.send(this.ack);
        return;
      default:
        return;
    }
  }

  /**
   * A CANCEL for this INVITE went out: if no final response arrives within 64*T1, the
   * transaction is given up as timed out (RFC 3261 §9.1).
   */
  cancelSent(): void {
    if (!this.isInvite || this.cancelTimer || this.state !== 'proceeding') return;
    if (this.timerC) clearTimeout(this.timerC);
    this.timerC = undefined;
    this.cancelTimer = setTimeout(() => {
      if (this.state !== 'proceeding') return;
      this.state = 'terminated';
      this.clearTimers();
      this.o.onTimeout();
      this.o.onTerminated();
    }, 64 * this.o.timers.t1);
  }

  private restartTimerC(): void {
    if (this.timerC) clearTimeout(this.timerC);
    this.timerC = setTimeout(() => {
      this.timerC = undefined;
      if (this.state === 'proceeding') this.o.onTimerC?.();
    }, this.o.timers.timerC ?? DEFAULT_TIMER_C_MS);
  }

  private after(ms: number, fn: () => void): void {
    this.timers.push(setTimeout(fn, ms));
  }

  private clearTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    if (this.retransmitTimer) clearTimeout(this.retransmitTimer);
    this.retransmitTimer = undefined;
    // every caller leaves the states that retransmit the request
    this.data = undefined;
    for (const t of [this.timerB, this.timerC, this.cancelTimer]) if (t) clearTimeout(t);
    this.timerB = this.timerC = this.cancelTimer = undefined;
  }

  terminate(): void {
    if (this.state === 'terminated') return;
    this.clearTimers();
    this.state = 'terminated';
    this.o.onTerminated();
  }
}
