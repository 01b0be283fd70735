/**
 * REGISTERs per source address in the current second, counted in this
 * process. A phone sends two per registration (the challenged one and the
 * authenticated one), and a flood mostly the first kind: counting here keeps
 * both off Redis. Per replica: a source whose REGISTERs are spread over K
 * replicas gets K times the budget (the sip-server in front caps sources too).
 */
export class SourceRate {
  private second = -1;
  private readonly counts = new Map<string, number>();

  constructor(private readonly perSecond: number) {}

  /** Counts one REGISTER from `source`; false once the source has used up this second's budget. */
  take(source: string, nowMs: number): boolean {
    const second = Math.floor(nowMs / 1000);
    if (second !== this.second) {
      // a new second: every count starts again, so the map never holds more than one second's sources
      this.second = second;
      this.counts.clear();
    }
    const n = (this.counts.get(source) ?? 0) + 1;
    this.counts.set(source, n);
    return n <= this.perSecond;
  }
}

export type LockKind = 'source' | 'user';

/**
 * The lockouts this process has seen in Redis (where they are set and shared
 * by every replica), kept for a while so that a locked-out source or user is
 * refused before anything is asked of Redis. Each is kept until its lock runs
 * out, but never longer than `maxHoldMs`: a lock removed in Redis by hand
 * stops being applied here within that time. Holds at most `maxEntries`; the
 * oldest goes first.
 */
export class KnownLocks {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly maxHoldMs: number,
    private readonly maxEntries: number,
  ) {}

  /**
   * Remembers a lock that runs for `remainingMs` more. True when it is news to
   * this process (not already held), which is when it is worth announcing.
   */
  remember(kind: LockKind, source: string, realm: string, user: string, remainingMs: number, nowMs: number): boolean {
    const key = kind === 'source' ? sourceKey(source) : userKey(realm, user);
    const held = this.active(key, nowMs);
    if (held === undefined && this.until.size >= this.maxEntries) this.evict(nowMs);
    this.until.set(key, nowMs + Math.min(Math.max(0, remainingMs), this.maxHoldMs));
    return held === undefined;
  }

  /** Which lock, if any, this process knows to hold for the source or for the user of the realm. */
  find(source: string, realm: string, user: string, nowMs: number): LockKind | null {
    if (this.active(sourceKey(source), nowMs) !== undefined) return 'source';
    if (this.active(userKey(realm, user), nowMs) !== undefined) return 'user';
    return null;
  }

  get size(): number {
    return this.until.size;
  }

  private active(key: string, nowMs: number): number | undefined {
    const until = this.until.get(key);
    if (until === undefined) return undefined;
    if (until > nowMs) return until;
    this.until.delete(key);
    return undefined;
  }

  /** Drops what has run out; if that frees nothing, the oldest entry. */
  private evict(nowMs: number): void {
    for (const [key, until] of this.until) if (until <= nowMs) this.until.delete(key);
    if (this.until.size < this.maxEntries) return;
    const oldest = this.until.keys().next();
    if (!oldest.done) this.until.delete(oldest.value);
  }
}

// NUL cannot occur in an address or a SIP user name, so the two kinds of key never meet.
const sourceKey = (source: string) => `s\0${source}`;
const userKey = (realm: string, user: string) => `u\0${realm}\0${user}`;
