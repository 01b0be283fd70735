import type Redis from 'ioredis';
import type { RegistrarKeys } from './registrar-keys';

export interface DefenceOptions {
  threshold: number;
  windowSeconds: number;
  lockoutSeconds: number;
  ratePerSecond: number;
}

/**
 * Everything a REGISTER needs from Redis before it can be answered, in one
 * round trip: count it against its source's per-second budget, look for a
 * lockout of the source or the user, read cache entries the caller names
 * (credentials) and, given one, a hash (the phone's bindings). Atomic, so every
 * replica sees the same counts.
 * KEYS: rate, source lock, user lock or '', cache keys..., [hash].
 * ARGV: rate key TTL, number of cache keys.
 * Returns {requests this second, source locked, user locked, cached values..., [hash fields]}.
 */
const ADMIT_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[1])
local out = {n, redis.call('EXISTS', KEYS[2]), KEYS[3] ~= '' and redis.call('EXISTS', KEYS[3]) or 0}
local nCached = tonumber(ARGV[2])
for i = 1, nCached do out[3 + i] = redis.call('GET', KEYS[3 + i]) end
if KEYS[4 + nCached] then out[4 + nCached] = redis.call('HGETALL', KEYS[4 + nCached]) end
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
  registrarAdmit(numberOfKeys: number, ...keysAndArgs: Array<string | number>): Promise<[number, number, number, ...Array<string | string[] | null>]>;
  registrarFail(numberOfKeys: number, ...keysAndArgs: Array<string | number>): Promise<number>;
  registrarNonceCount(key: string, nc: number, ttlSeconds: number): Promise<number>;
}

export interface Admission {
  /** False once the source has used up its REGISTERs for this second. */
  withinRate: boolean;
  lock: 'source' | 'user' | null;
  /** The cache entries asked for, in order; null where there is none. */
  cached: Array<string | null>;
  /** The hash asked for, as HGETALL field/value pairs (empty when it does not exist); null when none was asked for. */
  hash: string[] | null;
}

/**
 * Brute-force and flood defence with counters in Redis, shared by every
 * registrar replica: failed authentications per source address and per
 * username within a window lock either out; REGISTERs per source per second
 * are capped.
 */
export class Defence {
  private readonly scripts: DefenceScripts;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RegistrarKeys,
    private readonly o: DefenceOptions,
  ) {
    // ADMIT and FAIL take a varying number of keys, so the count goes with each call.
    redis.defineCommand('registrarAdmit', { lua: ADMIT_SCRIPT });
    redis.defineCommand('registrarFail', { lua: FAIL_SCRIPT });
    redis.defineCommand('registrarNonceCount', { numberOfKeys: 1, lua: NC_SCRIPT });
    this.scripts = redis as Redis & DefenceScripts;
  }

  /**
   * Counts a REGISTER against its source's per-second budget and tells whether
   * the source (or, given realm and user, the user) is locked out; reads the
   * given cache keys and hash in the same round trip.
   */
  async admit(address: string, nowMs: number, target?: { realm: string; user: string }, cacheKeys: string[] = [], hashKey?: string): Promise<Admission> {
    const keys = [this.keys.rate(address, Math.floor(nowMs / 1000)), this.keys.lockSource(address), target ? this.keys.lockUser(target.realm, target.user) : '', ...cacheKeys];
    if (hashKey) keys.push(hashKey);
    const [n, src, usr, ...rest] = await this.scripts.registrarAdmit(keys.length, ...keys, 2, cacheKeys.length);
    return {
      withinRate: n <= this.o.ratePerSecond,
      lock: src ? 'source' : usr ? 'user' : null,
      cached: cacheKeys.map((_, i) => (rest[i] as string | null) ?? null),
      hash: hashKey ? ((rest[cacheKeys.length] as string[] | undefined) ?? []) : null,
    };
  }

  /** Whether the source (or, given realm and user, the user) is locked out, without counting anything. */
  async locked(address: string, realm?: string, user?: string): Promise<'source' | 'user' | null> {
    const [src, usr] = await Promise.all([
      this.redis.exists(this.keys.lockSource(address)),
      realm && user ? this.redis.exists(this.keys.lockUser(realm, user)) : Promise.resolve(0),
    ]);
    return src ? 'source' : usr ? 'user' : null;
  }

  /** Records a failed authentication; returns which lock it triggered, if any. */
  async fail(address: string, realm?: string, user?: string): Promise<'source' | 'user' | null> {
    const keys = [this.keys.failuresBySource(address), this.keys.lockSource(address)];
    if (realm && user) keys.push(this.keys.failuresByUser(realm, user), this.keys.lockUser(realm, user));
    const r = await this.scripts.registrarFail(keys.length, ...keys, this.o.windowSeconds, this.o.threshold, this.o.lockoutSeconds);
    return r === 1 ? 'source' : r === 2 ? 'user' : null;
  }

  /** Accepts a nonce-count only once and only increasing (RFC 7616 replay protection). */
  async acceptNonceCount(nonce: string, nc: number, ttlSeconds: number): Promise<boolean> {
    return (await this.scripts.registrarNonceCount(this.keys.nonceCount(nonce), nc, ttlSeconds)) === 1;
  }
}
