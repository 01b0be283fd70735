import type Redis from 'ioredis';
import { applyChanges, bindingKey, type ApplyResult, type Binding, type BindingChange } from './binding';
import { LocationKeys } from './location-keys';

export interface ExpiredBinding {
  tenantId: string;
  user: string;
  binding: Binding;
}

/** Bindings are kept a little past their expiry so the sweeper can still announce them. */
const GRACE_MS = 60_000;
const MAX_RETRIES = 10;
const VERSION_FIELD = '__v';

/**
 * Compare-and-set of one AOR: writes only if nobody changed it since we read
 * it (version field), so concurrent REGISTERs on any replica never lose each
 * other's bindings. A script instead of WATCH/MULTI because WATCH belongs to
 * a connection, and the connection is shared by concurrent requests.
 * KEYS: aor hash, expiry index. ARGV: version, expireAt, indexTtl, nOld,
 * old members..., nNew, (field, json, score, member)...
 */
const CAS_SCRIPT = `
local v = redis.call('HGET', KEYS[1], '${'__v'}') or '0'
if v ~= ARGV[1] then return 0 end
local i = 4
local nOld = tonumber(ARGV[i]); i = i + 1
for j = 1, nOld do redis.call('ZREM', KEYS[2], ARGV[i]); i = i + 1 end
redis.call('DEL', KEYS[1])
local nNew = tonumber(ARGV[i]); i = i + 1
if nNew > 0 then
  for j = 1, nNew do
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
    redis.call('ZADD', KEYS[2], ARGV[i + 2], ARGV[i + 3])
    i = i + 4
  end
  redis.call('HSET', KEYS[1], '${'__v'}', tostring(tonumber(v) + 1))
  redis.call('PEXPIREAT', KEYS[1], ARGV[2])
  redis.call('PEXPIRE', KEYS[2], ARGV[3], 'NX')
  redis.call('PEXPIRE', KEYS[2], ARGV[3], 'GT')
end
return 1
`;

/**
 * The location service: where each address-of-record (tenant + user) can be
 * reached. Lives in Redis so every registrar and router replica shares it and
 * bindings survive restarts. Changes to one AOR are optimistic transactions
 * (WATCH/MULTI), so two replicas handling REGISTERs for the same phone never
 * lose each other's writes.
 */
export class LocationStore {
  readonly keys: LocationKeys;

  constructor(
    private readonly redis: Redis,
    options: { prefix?: string; maxBindingsPerAor?: number } = {},
  ) {
    this.keys = new LocationKeys(options.prefix);
    this.maxBindings = options.maxBindingsPerAor ?? 5;
  }

  private readonly maxBindings: number;

  /** The live bindings of an AOR (what routing forks a call to). */
  async lookup(tenantId: string, user: string, now = Date.now()): Promise<Binding[]> {
    const all = await this.redis.hgetall(this.keys.aor(tenantId, user));
    return Object.entries(all)
      .filter(([f]) => f !== VERSION_FIELD)
      .map(([, v]) => v)
      .map((v) => JSON.parse(v) as Binding)
      .filter((b) => b.expiresAt > now)
      .sort((a, b) => b.registeredAt - a.registeredAt);
  }

  /** Applies a REGISTER's changes atomically and reports what changed. */
  async apply(tenantId: string, user: string, changes: BindingChange[], now = Date.now()): Promise<ApplyResult> {
    const key = this.keys.aor(tenantId, user);
    for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
      const all = await this.redis.hgetall(key);
      const version = all[VERSION_FIELD] ?? '0';
      const current = Object.entries(all)
        .filter(([f]) => f !== VERSION_FIELD)
        .map(([, v]) => JSON.parse(v) as Binding);
      const result = applyChanges(current, changes, now, this.maxBindings);
      const expireAt = result.bindings.length ? Math.max(...result.bindings.map((b) => b.expiresAt)) + GRACE_MS : 0;
      const args: Array<string | number> = [
        version,
        expireAt,
        expireAt ? expireAt - now : 0,
        current.length,
        ...current.map((b) => this.keys.expiryMember(tenantId, user, bindingKey(b))),
        result.bindings.length,
        ...result.bindings.flatMap((b) => [bindingKey(b), JSON.stringify(b), b.expiresAt, this.keys.expiryMember(tenantId, user, bindingKey(b))]),
      ];
      const ok = await this.redis.eval(CAS_SCRIPT, 2, key, this.keys.expiryIndex(), ...args);
      if (ok === 1) return result;
    }
    throw new Error(`Too much contention on ${key}`);
  }

  /**
   * Removes bindings whose time is up and returns them, so the caller can
   * publish `registration.expired`. Safe with several replicas sweeping: a
   * binding is returned by exactly one of them (the one whose ZREM won).
   */
  async sweepExpired(now = Date.now(), limit = 500): Promise<ExpiredBinding[]> {
    const index = this.keys.expiryIndex();
    const due = await this.redis.zrangebyscore(index, '-inf', now, 'LIMIT', 0, limit);
    const out: ExpiredBinding[] = [];
    for (const member of due) {
      const { tenantId, user, bindingKey: bk } = this.keys.parseExpiryMember(member);
      const key = this.keys.aor(tenantId, user);
      const [[, raw], [, removedFromIndex]] = (await this.redis.multi().hget(key, bk).zrem(index, member).exec()) as [
        [Error | null, string | null],
        [Error | null, number],
      ];
      if (!removedFromIndex || !raw) continue;
      const binding = JSON.parse(raw) as Binding;
      if (binding.expiresAt > now) {
        // Refreshed meanwhile: put it back under its new time.
        await this.redis.zadd(index, binding.expiresAt, member);
        continue;
      }
      await this.removeIfUnchanged(key, bk, raw);
      out.push({ tenantId, user, binding });
    }
    return out;
  }

  private async removeIfUnchanged(key: string, field: string, expected: string): Promise<void> {
    await this.redis.eval(
      "if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then redis.call('HDEL', KEYS[1], ARGV[1]); redis.call('HINCRBY', KEYS[1], ARGV[3], 1) end return 1",
      1,
      key,
      field,
      expected,
      VERSION_FIELD,
    );
  }
}
