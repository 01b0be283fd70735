/** The limits both stores apply (seconds and counts, as configured). */
export interface ThrottleLimits {
  windowSeconds: number;
  accountLimit: number;
  addressLimit: number;
  lockoutSeconds: number;
}

/** Keys of one attempt: account failures, account lock, address failures, address lock. */
export type AttemptKeys = readonly [string, string, string, string];

/** Bounds the fallback's memory: a scanner cycling through addresses must not grow it without end. */
const MAX_ENTRIES = 100_000;

/**
 * The Redis scripts' rules (login-throttle.ts) on this process's memory: the
 * fallback while Redis cannot be reached, so logins stay possible and are
 * still throttled, per replica instead of shared. Same answers as the scripts.
 */
export class LocalLoginCounters {
  private readonly counts = new Map<string, { n: number; until: number }>();
  private readonly locks = new Map<string, number>();

  constructor(private readonly limits: ThrottleLimits) {}

  /** As ADMIT_SCRIPT: {account lock ms left, address lock ms left, account newly locked, address newly locked}; -2: none. */
  admit([acctFail, acctLock, addrFail, addrLock]: AttemptKeys, now: number): [number, number, number, number] {
    const acct = this.lockLeft(acctLock, now);
    const addr = this.lockLeft(addrLock, now);
    if (acct !== -2 || addr !== -2) return [acct, addr, 0, 0];
    const overAcct = this.incr(acctFail, now) > this.limits.accountLimit;
    const overAddr = this.incr(addrFail, now) > this.limits.addressLimit;
    if (!overAcct && !overAddr) return [-2, -2, 0, 0];
    for (const [over, failures, lock] of [
      [overAcct, acctFail, acctLock],
      [overAddr, addrFail, addrLock],
    ] as const) {
      if (over) this.lock(failures, lock, now);
      else this.decr(failures, now);
    }
    return [this.lockLeft(acctLock, now), this.lockLeft(addrLock, now), overAcct ? 1 : 0, overAddr ? 1 : 0];
  }

  /** As SETTLE_SCRIPT: {account newly locked, address newly locked}. */
  settle([acctFail, acctLock, addrFail, addrLock]: AttemptKeys, ok: boolean, now: number): [number, number] {
    if (ok) {
      this.counts.delete(acctFail);
      this.decr(addrFail, now);
      return [0, 0];
    }
    const lockAt = (failures: string, lock: string, limit: number) => {
      if (this.count(failures, now) < limit || this.lockLeft(lock, now) !== -2) return 0;
      this.lock(failures, lock, now);
      return 1;
    };
    return [lockAt(acctFail, acctLock, this.limits.accountLimit), lockAt(addrFail, addrLock, this.limits.addressLimit)];
  }

  private count(key: string, now: number): number {
    const e = this.counts.get(key);
    return e && e.until > now ? e.n : 0;
  }

  private incr(key: string, now: number): number {
    const e = this.counts.get(key);
    if (e && e.until > now) return ++e.n;
    this.bound(this.counts);
    this.counts.set(key, { n: 1, until: now + this.limits.windowSeconds * 1000 });
    return 1;
  }

  private decr(key: string, now: number): void {
    const e = this.counts.get(key);
    if (e && e.until > now && e.n > 0) e.n--;
  }

  private lock(failures: string, lock: string, now: number): void {
    this.counts.delete(failures);
    this.bound(this.locks);
    this.locks.set(lock, now + this.limits.lockoutSeconds * 1000);
  }

  private lockLeft(key: string, now: number): number {
    const until = this.locks.get(key);
    if (until === undefined) return -2;
    if (until <= now) {
      this.locks.delete(key);
      return -2;
    }
    return until - now;
  }

  /** Drops the oldest entry (Map order is insertion order) when the map is full. */
  private bound(map: Map<string, unknown>): void {
    if (map.size < MAX_ENTRIES) return;
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
}
