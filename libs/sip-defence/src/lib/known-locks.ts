import type { LockKind } from './lockout-policy';

/** What this process remembers having met: a lock, or a user's slow-down (kept only to announce it once). */
export type KnownKind = LockKind | 'slowdown';

/**
 * The lockouts this process has met in Redis (where they are set and shared by
 * every replica of the registrar and of routing), kept for a while so that a
 * locked-out source or pair is refused before anything is asked of Redis, and
 * so that each is announced once per process. Each is kept until its lock runs
 * out, but never longer than `maxHoldMs`: a lock removed in Redis by hand stops
 * being applied here within that time. Holds at most `maxEntries`; the oldest
 * goes first.
 */
export class KnownLocks {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly maxHoldMs: number,
    private readonly maxEntries: number,
  ) {}

  /**
   * Remembers a lock (or slow-down) that runs for `remainingMs` more. True when it is news to this
   * process (not already held), which is when it is worth announcing.
   */
  remember(kind: KnownKind, source: string, realm: string, user: string, remainingMs: number, nowMs: number): boolean {
    const key = keyOf(kind, source, realm, user);
    const held = this.active(key, nowMs);
    if (held === undefined && this.until.size >= this.maxEntries) this.evict(nowMs);
    this.until.set(key, nowMs + Math.min(Math.max(0, remainingMs), this.maxHoldMs));
    return held === undefined;
  }

  /** The lock, if any, this process knows to hold for the source, or for the user of the realm from the source. */
  find(source: string, realm: string, user: string | null, nowMs: number): LockKind | null {
    if (this.active(keyOf('source', source, realm, user ?? ''), nowMs) !== undefined) return 'source';
    if (user !== null && this.active(keyOf('user-source', source, realm, user), nowMs) !== undefined) return 'user-source';
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

// NUL cannot occur in an address or a realm (a user name could carry one, percent-encoded), and the
// user is the only part between them: keys of different kinds or parts never meet.
function keyOf(kind: KnownKind, source: string, realm: string, user: string): string {
  if (kind === 'source') return `s\0${source}`;
  if (kind === 'user-source') return `p\0${realm}\0${user}\0${source}`;
  return `u\0${realm}\0${user}`;
}
