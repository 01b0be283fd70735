import type Redis from 'ioredis';
import { KnownLocks, SourceRate, type LockKind } from './local-guard';
import type { RegistrarKeys } from './registrar-keys';

export interface DefenceOptions {
  threshold: number;
  windowSeconds: number;
  lockoutSeconds: number;
  ratePerSecond: number;
}

/**
 * Everything an authenticated REGISTER needs from Redis before it can be
 * answered, in one round trip: the lockouts of its source and its user (their
 * remaining milliseconds), cache entries the caller names (credentials) and,
 * given one, a hash (the phone's bindings).
 * KEYS: source lock, user lock, cache keys..., [hash].
 * ARGV: number of cache keys.
 * Returns {source lock ms left, user lock ms left, cached values..., [hash fields]}; a lock that is not set is -2.
 */
const ADMIT_SCRIPT = `
local out = {redis.call('PTTL', KEYS[1]), redis.call('PTTL', KEYS[2])}
local nCached = tonumber(ARGV[1])
for i = 1, nCached do out[2 + i] = redis.call('GET', KEYS[2 + i]) end
if KEYS[3 + nCached] then out[3 + nCached] = redis.call('HGETALL', KEYS[3 + nCached]) end
return out
`;

// Counts a failure per source, then (unless the source just got locked) per user;
// at the threshold it sets the lock. A failure that raced past a lock set meanwhile
// (a guess in flight when it fell) counts no further and reports the lock.
// KEYS: source failures, source lock, user failures, user lock.
const FAIL_SCRIPT = `
local function count(failures, lock)
  if redis.call('EXISTS', lock) == 1 then return true end
  local n = redis.call('INCR', failures)
  if n == 1 then redis.call('EXPIRE', failures, ARGV[1]) end
  if n >= tonumber(ARGV[2]) then
    redis.call('SET', lock, '1', 'EX', ARGV[3])
    return true
  end
  return false
end
if count(KEYS[1], KEYS[2]) then return 1 end
if #KEYS == 4 and count(KEYS[3], KEYS[4]) then return 2 end
return 0
`;

// Only a strictly higher nonce-count (a number) is accepted; the key lives as long as the nonce.
// The same key is the counter LocationStore.apply advances with a registration's write.
const NC_SCRIPT = `
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local nc = tonumber(ARGV[1])
if nc == nil or nc <= last then return 0 end
redis.call('SET', KEYS[1], tostring(nc), 'EX', ARGV[2])
return 1
`;

/**
 * The scripts above as commands of the client (ioredis `defineCommand`, as
 * libs/location does): sent by SHA1 (EVALSHA), in full only the first time on
 * a connection or after Redis lost them (restart, SCRIPT FLUSH).
 */
interface DefenceScripts {
  registrarAdmit(numberOfKeys: number, ...keysAndArgs: Array<string | number>): Promise<[number, number, ...Array<string | string[] | null>]>;
  registrarFail(numberOfKeys: number, ...keysAndArgs: Array<string | number>): Promise<number>;
  registrarNonceCount(key: string, nc: number, ttlSeconds: number): Promise<number>;
}

/** A lockout that refuses a REGISTER. */
export interface Lock {
  kind: LockKind;
  /**
   * Set when this process had not applied the lock before (worth announcing): when the lock in
   * Redis runs out.
   */
  newUntilMs?: number;
}

export interface Admission {
  lock: Lock | null;
  /** The cache entries asked for, in order; null where there is none. */
  cached: Array<string | null>;
  /** The hash asked for, as HGETALL field/value pairs (empty when it does not exist); null when none was asked for. */
  hash: string[] | null;
}

/**
 * How long a lockout seen in Redis is applied here without asking Redis again
 * (at most; never beyond the lock itself): how late a lock removed in Redis by
 * hand stops being applied to unauthenticated REGISTERs.
 */
const KNOWN_LOCK_HOLD_MS = 30_000;
/** Bounds the known locks: a scanner cycling through addresses must not grow them without end. */
const KNOWN_LOCK_ENTRIES = 100_000;

/**
 * Brute-force and flood defence. Failed authentications per source address
 * and per username within a window lock either out; the counters and locks are
 * in Redis, shared by every registrar replica, and every authenticated
 * REGISTER is checked there. A REGISTER without credentials (the first half of
 * every registration, and most of what a scanner sends) is answered from this
 * process alone: its source's per-second budget is counted here, and the locks
 * applied to it are the ones this process has met in Redis (KnownLocks).
 */
export class Defence {
  private readonly scripts: DefenceScripts;
  private readonly rate: SourceRate;
  private readonly known = new KnownLocks(KNOWN_LOCK_HOLD_MS, KNOWN_LOCK_ENTRIES);

  constructor(
    redis: Redis,
    private readonly keys: RegistrarKeys,
    private readonly o: DefenceOptions,
  ) {
    // ADMIT and FAIL take a varying number of keys, so the count goes with each call.
    redis.defineCommand('registrarAdmit', { lua: ADMIT_SCRIPT });
    redis.defineCommand('registrarFail', { lua: FAIL_SCRIPT });
    redis.defineCommand('registrarNonceCount', { numberOfKeys: 1, lua: NC_SCRIPT });
    this.scripts = redis as Redis & DefenceScripts;
    this.rate = new SourceRate(o.ratePerSecond);
  }

  /** Counts a REGISTER against its source's per-second budget (in this process); false once it is used up. */
  withinRate(address: string, nowMs: number): boolean {
    return this.rate.take(address, nowMs);
  }

  /** A lock this process knows of for the source or the user, without asking Redis. */
  knownLock(address: string, realm: string, user: string, nowMs: number): Lock | null {
    const kind = this.known.find(address, realm, user, nowMs);
    return kind && { kind };
  }

  /**
   * Reads the lockouts of the source and the user from Redis, with the given
   * cache keys and hash in the same round trip. A lock found is remembered.
   */
  async admit(address: string, nowMs: number, realm: string, user: string, cacheKeys: string[] = [], hashKey?: string): Promise<Admission> {
    const keys = [this.keys.lockSource(address), this.keys.lockUser(realm, user), ...cacheKeys];
    if (hashKey) keys.push(hashKey);
    const [src, usr, ...rest] = await this.scripts.registrarAdmit(keys.length, ...keys, cacheKeys.length);
    // PTTL: -2 no such key, -1 no expiry (a lock set by hand: held as long as any), else the milliseconds left
    const left = (ms: number) => (ms === -1 ? KNOWN_LOCK_HOLD_MS : ms);
    const lock = src !== -2 ? this.learn('source', address, realm, user, left(src), nowMs) : usr !== -2 ? this.learn('user', address, realm, user, left(usr), nowMs) : null;
    return {
      lock,
      cached: cacheKeys.map((_, i) => (rest[i] as string | null) ?? null),
      hash: hashKey ? ((rest[cacheKeys.length] as string[] | undefined) ?? []) : null,
    };
  }

  /** Records a failed authentication; returns the lock it triggered (or raced into), if any. */
  async fail(address: string, realm: string, user: string, nowMs: number): Promise<Lock | null> {
    const keys = [this.keys.failuresBySource(address), this.keys.lockSource(address), this.keys.failuresByUser(realm, user), this.keys.lockUser(realm, user)];
    const r = await this.scripts.registrarFail(keys.length, ...keys, this.o.windowSeconds, this.o.threshold, this.o.lockoutSeconds);
    const kind = r === 1 ? 'source' : r === 2 ? 'user' : null;
    return kind && this.learn(kind, address, realm, user, this.o.lockoutSeconds * 1000, nowMs);
  }

  /** Accepts a nonce-count only once and only increasing (RFC 7616 replay protection). */
  async acceptNonceCount(nonce: string, nc: number, ttlSeconds: number): Promise<boolean> {
    return (await this.scripts.registrarNonceCount(this.keys.nonceCount(nonce), nc, ttlSeconds)) === 1;
  }

  private learn(kind: LockKind, address: string, realm: string, user: string, remainingMs: number, nowMs: number): Lock {
    const news = this.known.remember(kind, address, realm, user, remainingMs, nowMs);
    return news ? { kind, newUntilMs: nowMs + remainingMs } : { kind };
  }
}
