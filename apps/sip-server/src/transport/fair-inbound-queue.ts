/**
 * Inbound messages between the sockets and the SIP core, served round-robin by source
 * address. Reading a datagram is cheap and handling it is not; handled one by one as
 * they were read, a source sending faster than the server can handle fills the kernel's
 * receive queue, and everyone's datagrams behind it wait or are dropped there. Queued per
 * source instead, the sockets are read as fast as datagrams arrive, each source waits only
 * for one message of every other busy source, and a source's own backlog past its share
 * is dropped here, unparsed, not somebody else's in the kernel.
 */

export interface QueuedMessage {
  remoteAddress: string;
  data: { length: number };
}

export interface FairQueueOptions<T extends QueuedMessage> {
  /** bytes one source may have waiting; more from it is dropped */
  perSourceBytes: number;
  /** bytes all sources together may have waiting */
  totalBytes: number;
  /**
   * How long one turn of handling may run before the event loop gets to read sockets
   * again. Node (libuv) reads at most 32 datagrams per socket per loop turn, so a long turn
   * caps how fast the server can even read, and drop, a flood.
   */
  turnBudgetMs: number;
  /**
   * While reading is behind (a whole batch of 32 arrived since the last turn, so the
   * kernel's queue is probably not empty), only every `busyTurnsPerMessage`-th turn handles
   * anything, and then one message: catching up on reading comes first. A server short of
   * CPU (a busy machine) otherwise reads slower than a flood arrives, and the kernel drops
   * every source's datagrams alike; behind on handling instead, it drops here, per source.
   */
  busyTurnsPerMessage: number;
  handle: (m: T) => void;
  schedule?: (fn: () => void) => void;
  now?: () => number;
}

/** datagrams libuv reads from one socket per event-loop turn */
const READ_BATCH = 32;

interface SourceQueue<T> {
  items: T[];
  /** index of the next item to hand out */
  head: number;
  bytes: number;
}

export class FairInboundQueue<T extends QueuedMessage> {
  /** insertion order is the round-robin order: a source served moves to the back */
  private readonly bySource = new Map<string, SourceQueue<T>>();
  private bytes = 0;
  private count = 0;
  private scheduled = false;
  /** messages read from the sockets (queued, dropped or refused) since the last turn began */
  private arrived = 0;
  /** turns in a row that found reading behind */
  private busyTurns = 0;
  /** messages dropped because their source (or everyone) had too much waiting */
  dropped = 0;
  private readonly schedule: (fn: () => void) => void;
  private readonly now: () => number;

  constructor(private readonly o: FairQueueOptions<T>) {
    this.schedule = o.schedule ?? setImmediate;
    this.now = o.now ?? (() => performance.now());
  }

  get queued(): number {
    return this.count;
  }

  get queuedBytes(): number {
    return this.bytes;
  }

  /**
   * Counts a message read from a socket, whatever becomes of it (the rate limit may refuse
   * it before it is ever pushed): how much is read per loop turn tells whether reading is
   * behind.
   */
  noteRead(): void {
    this.arrived++;
  }

  /** Queues a message for handling; false when it was dropped instead. */
  push(m: T): boolean {
    const size = m.data.length;
    let q = this.bySource.get(m.remoteAddress);
    if ((q?.bytes ?? 0) + size > this.o.perSourceBytes || this.bytes + size > this.o.totalBytes) {
      this.dropped++;
      return false;
    }
    if (!q) {
      q = { items: [], head: 0, bytes: 0 };
      this.bySource.set(m.remoteAddress, q);
    }
    q.items.push(m);
    q.bytes += size;
    this.bytes += size;
    this.count++;
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(this.turn);
    }
    return true;
  }

  private readonly turn = (): void => {
    this.scheduled = false;
    const behind = this.arrived >= READ_BATCH;
    this.arrived = 0;
    this.busyTurns = behind ? this.busyTurns + 1 : 0;
    try {
      if (behind) {
        if (this.busyTurns % this.o.busyTurnsPerMessage === 0) this.o.handle(this.next());
        return;
      }
      const deadline = this.now() + this.o.turnBudgetMs;
      // the clock is read after every message: a few tens of nanoseconds against tens of
      // microseconds per message, and a cold (not yet optimised) message can take a millisecond
      while (this.count > 0) {
        this.o.handle(this.next());
        if (this.now() >= deadline) break;
      }
    } finally {
      // also after a handler threw: what is still queued must not be stranded
      if (this.count > 0 && !this.scheduled) {
        this.scheduled = true;
        this.schedule(this.turn);
      }
    }
  };

  /** Takes one message from the source at the front, which then goes to the back. */
  private next(): T {
    const [source, q] = this.bySource.entries().next().value as [string, SourceQueue<T>];
    const m = q.items[q.head++];
    q.bytes -= m.data.length;
    this.bytes -= m.data.length;
    this.count--;
    this.bySource.delete(source);
    if (q.head < q.items.length) {
      // compact now and then so a long-busy source's array does not grow for ever
      if (q.head > 1024 && q.head * 2 > q.items.length) {
        q.items = q.items.slice(q.head);
        q.head = 0;
      }
      this.bySource.set(source, q);
    }
    return m;
  }
}
