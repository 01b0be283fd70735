import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import type { RegistrarKeys } from './registrar-keys';

export interface DefenceOptions {
  threshold: number;
  windowSeconds: number;
  lockoutSeconds: number;
  ratePerSecond: number;
}

/**
 * A Lua script sent by its SHA1 (EVALSHA), and in full only when Redis does
 * not know it yet (after a restart or SCRIPT FLUSH): a REGISTER then costs a
 * few dozen bytes on the wire instead of the whole script.
 */
class LuaScript {
  private readonly sha: string;

  constructor(private readonly lua: string) {
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  async run(redis: Redis, keys: string[], args: Array<string | number>): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (e) {
      if (!(e instanceof Error) || !e.message.startsWith('NOSCRIPT')) throw e;
      return redis.eval(this.lua, keys.length, ...keys, ...args);
    }
  }
}

/**
 * Everything a REGISTER needs from Redis before it can be answered, in one
 * round trip: count it against its source's per-second budget, look for a
 * lockout of the source or the user, and read cache entries the caller names
 * (realm, credentials). Atomic, so every replica sees the same counts.
 * KEYS: rate, source lock, user lock or '', cache keys... ARGV: rate key TTL.
 * Returns {requests this second, source locked, user locked, cached values...}.
 */
const ADMIT_SCRIPT = new LuaScript(`
local n = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[1])
local out = {n, redis.call('EXISTS', KEYS[2]), KEYS[3] ~= '' and redis.call('EXISTS', KEYS[3]) or 0}
for i = 4, #KEYS do out[i] = redis.call('GET', KEYS[i]) end
return out
`);

// Counts a failure per source, then (unless the source just got locked) per user;
// at the threshold it sets the lock. KEYS: source failures, source lock, user failures, user lock.
const FAIL_SCRIPT = new LuaScript(`
local function count(failures, lock)
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
`);

// Only a strictly higher nonce-count is accepted; the key lives as long as the nonce.
const NC_SCRIPT = new LuaScript(`
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local nc = tonumber(ARGV[1], 16)
if nc == nil or nc <= last then return 0 end
redis.call('SET', KEYS[1], tostring(nc), 'EX', ARGV[2])
return 1
`);

export interface Admission {
  /** False once the source has used up its REGISTERs for this second. */
  withinRate: boolean;
  lock: 'source' | 'user' | null;
  /** The cache entries asked for, in order; null where there is none. */
  cached: Array<string | null>;
}

/**
 * Brute-force and flood defence with counters in Redis, shared by every
 * registrar replica: failed authentications per source address and per
 * username within a window lock either out; REGISTERs per source per second
 * are capped.
 */
export class Defence {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RegistrarKeys,
    private readonly o: DefenceOptions,
  ) {}

  /**
   * Counts a REGISTER against its source's per-second budget and tells whether
   * the source (or, given realm and user, the user) is locked out; reads the
   * given cache keys in the same round trip.
   */
  async admit(address: string, nowMs: number, target?: { realm: string; user: string }, cacheKeys: string[] = []): Promise<Admission> {
    const keys = [this.keys.rate(address, Math.floor(nowMs / 1000)), this.keys.lockSource(address), target ? this.keys.lockUser(target.realm, target.user) : '', ...cacheKeys];
    const [n, src, usr, ...cached] = (await ADMIT_SCRIPT.run(this.redis, keys, [2])) as [number, number, number, ...Array<string | null>];
    return { withinRate: n <= this.o.ratePerSecond, lock: src ? 'source' : usr ? 'user' : null, cached: cacheKeys.map((_, i) => cached[i] ?? null) };
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
    const r = (await FAIL_SCRIPT.run(this.redis, keys, [this.o.windowSeconds, this.o.threshold, this.o.lockoutSeconds])) as number;
    return r === 1 ? 'source' : r === 2 ? 'user' : null;
  }

  /** Accepts a nonce-count only once and only increasing (RFC 7616 replay protection). */
  async acceptNonceCount(nonce: string, nc: string, ttlSeconds: number): Promise<boolean> {
    return ((await NC_SCRIPT.run(this.redis, [this.keys.nonceCount(nonce)], [nc, ttlSeconds])) as number) === 1;
  }
}
