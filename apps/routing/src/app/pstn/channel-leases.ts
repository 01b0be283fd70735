import type Redis from 'ioredis';

/**
 * Drops expired leases, then adds this one unless the limit is reached
 * (ARGV[4] < 0: no limit). The key expires with the lease just taken, the
 * newest one, so an idle counter leaves Redis.
 * KEYS[1] zset; ARGV: now ms, lease expiry ms, member, limit, lease ms.
 */
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
local limit = tonumber(ARGV[4])
if limit >= 0 and redis.call('ZCARD', KEYS[1]) >= limit and not redis.call('ZSCORE', KEYS[1], ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1`;

/** Renews leases that are still held (XX: a released one stays released). */
const RENEW = `
for i = 1, #KEYS do
  redis.call('ZADD', KEYS[i], 'XX', ARGV[1], ARGV[2])
  if redis.call('EXISTS', KEYS[i]) == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[3]) end
end
return 1`;

interface LeaseScripts {
  routingLeaseAcquire(key: string, now: number, expiresAt: number, member: string, limit: number, leaseMs: number): Promise<number>;
  routingLeaseRenew(numberOfKeys: number, ...keysAndArgs: Array<string | number>): Promise<number>;
}

/**
 * Counts of calls up per gateway (channels) and per site, shared by every
 * replica. A call holds a lease (a member with an expiry) rather than an
 * INCR: if the replica holding it dies, the lease lapses on its own after
 * `leaseMs`, where a lost DECR would block a channel until the whole key
 * expired, which on a busy trunk is never. Running calls renew their leases.
 */
export class ChannelLeases {
  private readonly scripts: LeaseScripts;

  constructor(
    private readonly redis: Redis,
    private readonly leaseMs: number,
  ) {
    // Sent by SHA1 (EVALSHA) once Redis knows them, as the other scripts of the apps are.
    redis.defineCommand('routingLeaseAcquire', { numberOfKeys: 1, lua: ACQUIRE });
    redis.defineCommand('routingLeaseRenew', { lua: RENEW });
    this.scripts = redis as Redis & LeaseScripts;
  }

  /** Takes a slot for `member` unless `limit` are taken (null: no limit, the call is only counted). */
  async acquire(key: string, member: string, limit: number | null): Promise<boolean> {
    const now = Date.now();
    const ok = await this.scripts.routingLeaseAcquire(key, now, now + this.leaseMs, member, limit ?? -1, this.leaseMs);
    return ok === 1;
  }

  async release(key: string, member: string): Promise<void> {
    await this.redis.zrem(key, member);
  }

  async renew(keys: readonly string[], member: string): Promise<void> {
    if (keys.length) await this.scripts.routingLeaseRenew(keys.length, ...keys, Date.now() + this.leaseMs, member, this.leaseMs);
  }

  /** Calls up now (for tests and the admin view). */
  async count(key: string): Promise<number> {
    return this.redis.zcount(key, Date.now(), '+inf');
  }

  /** How often a running call renews: well inside the lease. */
  get renewEveryMs(): number {
    return Math.max(1000, Math.floor(this.leaseMs / 3));
  }
}
