import { splitHeaderList } from '../sip/sip-message';
import { MAGIC_COOKIE, parseVia, sentBy, type Via } from '../sip/via';
import type { Destination, TransportLayer } from '../transport/transport-layer';
import { CompletedResponses } from './completed-responses';
import type { TimerConfig } from './timers';
import type { ServerTxnEntry } from './transaction-entries';

/** first Via header line of a message head (full or compact name) */
const VIA_LINE = /\r\n(?:via|v)[ \t]*:[ \t]*([^\r\n]*)/i;

export interface RetransmissionAbsorberOptions {
  transport: TransportLayer;
  timers: TimerConfig;
  /** the live server transaction with this matching key (RFC 3261 §17.2.3), if any */
  liveTransaction: (key: string) => ServerTxnEntry | undefined;
}

/**
 * Where a request that repeats one we already have a server transaction for is absorbed
 * (RFC 3261 §17.2): it never reaches an app or the proxy again, and the peer gets the last
 * response once more. A live transaction answers through its state machine
 * (`ServerTransaction.onRetransmission`); an answered non-INVITE transaction over UDP has ended
 * and lingers here for Timer J as its response bytes and destination only
 * (`completed-responses.ts`). Retransmitted responses to requests we sent are the client
 * transaction's affair (`client-transaction.ts`), and a retransmitted 2xx's ACK the dialog's.
 */
export class RetransmissionAbsorber {
  /**
   * Non-INVITE transactions over UDP that have sent their final response: for Timer J (64*T1)
   * they only answer retransmissions, so only the response and where it went are kept, not the
   * transaction, and off the JavaScript heap. Under load these are most of the server's state
   * (2 per registration for 32 s).
   */
  private readonly completed = new CompletedResponses();
  private readonly lingerSweep: NodeJS.Timeout;

  constructor(private readonly o: RetransmissionAbsorberOptions) {
    // Timer J is the same for every completed transaction, so the due ones are the oldest
    this.lingerSweep = setInterval(() => this.completed.sweep(Date.now()), Math.min(1000, 8 * o.timers.t1));
    this.lingerSweep.unref();
  }

  /** Answered transactions that only linger to answer retransmissions. */
  get lingering(): number {
    return this.completed.size;
  }

  /**
   * Absorbs a retransmitted request (other than ACK/CANCEL) whose server transaction we
   * hold, from its start line and top Via alone, before the full parse. A peer whose
   * requests sit in our receive queue longer than its T1 retransmits every one of them;
   * answering those copies cheaply is what lets the server catch up instead of
   * collapsing under its own backlog. Anything unusual is left to the full path.
   */
  absorbBeforeParse(raw: string): boolean {
    const sp = raw.indexOf(' ');
    if (sp <= 0 || sp > 32) return false;
    const method = raw.slice(0, sp);
    if (method === 'SIP/2.0' || method === 'ACK' || method === 'CANCEL') return false;
    const headEnd = raw.indexOf('\r\n\r\n');
    const line = VIA_LINE.exec(headEnd < 0 ? raw : raw.slice(0, headEnd + 2));
    if (!line) return false;
    let via: Via;
    try {
      via = parseVia(splitHeaderList(line[1])[0] ?? '');
    } catch {
      return false;
    }
    const branch = via.params.get('branch');
    if (!branch || !branch.startsWith(MAGIC_COOKIE)) return false;
    return this.absorb(`${branch}|${sentBy(via)}|${method}`);
  }

  /**
   * A request whose transaction exists (a retransmission): answered as that transaction would,
   * with the last response if it has one. False when no transaction has the key.
   */
  absorb(key: string): boolean {
    const entry = this.o.liveTransaction(key);
    if (entry) {
      entry.txn.onRetransmission();
      return true;
    }
    const done = this.completed.get(key);
    if (!done) return false;
    this.o.transport.send(done.dest, done.response);
    return true;
  }

  /**
   * An ACK for a negative final response ends in the INVITE server transaction that sent it
   * (§17.2.1), and so does each retransmission of it. False for any other ACK: the ACK for a
   * 2xx belongs to the dialog.
   */
  absorbAck(inviteKey: string): boolean {
    const ist = this.o.liveTransaction(inviteKey);
    return !!ist && ist.txn.state !== 'accepted' && ist.txn.onAck();
  }

  /** False when the store is full: the transaction then lingers whole, as a proxied one does. */
  linger(key: string, response: Buffer, dest: Destination): boolean {
    return this.completed.add(key, response, dest, Date.now() + 64 * this.o.timers.t1);
  }

  /** Server shutdown: nothing lingers, no sweep runs afterwards. */
  close(): void {
    clearInterval(this.lingerSweep);
    this.completed.clear();
  }
}
