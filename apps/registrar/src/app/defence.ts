import type Redis from 'ioredis';
import type { RegistrarKeys } from './registrar-keys';

export interface DefenceOptions {
  threshold: number;
  windowSeconds: number;
  lockoutSeconds: number;
  ratePerSecond: number;
}

// Counts a failure and, at the threshold, sets the lock; atomic so all replicas agree.
const FAIL_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
if n >= tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'EX', ARGV[3])
  return 1
end
return 0
`;

// Only a strictly higher nonce-count is accepted; the key lives as long as the nonce.
const NC_SCRIPT = `
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local nc = tonumber(ARGV[1], 16)
if nc == nil or nc <= last then return 0 end
redis.call('SET', KEYS[1], tostring(nc), 'EX', ARGV[2])
return 1
`;

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

  async locked(address: string, realm?: string, user?: string): Promise<'source' | 'user' | null> {
    const [src, usr] = await Promise.all([
      this.redis.exists(this.keys.lockSource(address)),
      realm && user ? this.redis.exists(this.keys.lockUser(realm, user)) : Promise.resolve(0),
    ]);
    return src ? 'source' : usr ? 'user' : null;
  }

  /** Records a failed authentication; returns which lock it triggered, if any. */
  async fail(address: string, realm?: string, user?: string): Promise<'source' | 'user' | null> {
    const src = (await this.redis.eval(FAIL_SCRIPT, 2, this.keys.failuresBySource(address), this.keys.lockSource(address), this.o.windowSeconds, this.o.threshold, this.o.lockoutSeconds)) as number;
    if (src) return 'source';
    if (realm && user) {
      const usr = (await this.redis.eval(FAIL_SCRIPT, 2, this.keys.failuresByUser(realm, user), this.keys.lockUser(realm, user), this.o.windowSeconds, this.o.threshold, this.o.lockoutSeconds)) as number;
      if (usr) return 'user';
    }
    return null;
  }

  /** True while the source stays under its per-second REGISTER budget. */
  async withinRate(address: string, nowMs: number): Promise<boolean> {
    const key = this.keys.rate(address, Math.floor(nowMs / 1000));
    const [[, n]] = (await this.redis.multi().incr(key).expire(key, 2).exec()) as [[Error | null, number], unknown];
    return n <= this.o.ratePerSecond;
  }

  /** Accepts a nonce-count only once and only increasing (RFC 7616 replay protection). */
  async acceptNonceCount(nonce: string, nc: string, ttlSeconds: number): Promise<boolean> {
    return ((await this.redis.eval(NC_SCRIPT, 1, this.keys.nonceCount(nonce), nc, ttlSeconds)) as number) === 1;
  }
}
