import type Redis from 'ioredis';
import { applyChanges, bindingKey, liveBindings, type ApplyResult, type Binding, type BindingChange } from './binding';
import { LocationKeys } from './location-keys';

/** An AOR as read at one moment: its version (for the compare-and-set) and every binding stored. */
export interface AorSnapshot {
  version: string;
  bindings: Binding[];
}

export interface ApplyOptions {
  /**
   * An only-increasing counter kept beside the AOR (the registrar's digest
   * nonce-count): the write happens only if `value` is above the stored count,
   * which it then becomes, atomically with the write; so a replayed request
   * changes nothing, and a rejected one does not use the count up.
   */
  counter?: { key: string; value: number; ttlSeconds: number };
  /**
   * Messages to PUBLISH if and only if the change is written, from the same script (the
   * registrar's registration events): nothing is announced that did not happen, and the
   * announcement costs no round trip of its own. Called with each attempt's result.
   */
  publish?: (result: ApplyResult) => Array<{ channel: string; message: string }>;
}

/** `apply` with a counter that did not increase: nothing was written. */
export class CounterNotIncreased extends Error {
  constructor(readonly key: string) {
    super(`The counter ${key} did not increase`);
    this.name = 'CounterNotIncreased';
  }
}

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
 * a connection, and the connection is shared by concurrent requests. The
 * tenant index is kept in the same script, so it never disagrees with the AOR.
 * An optional fourth key is an only-increasing counter (see ApplyOptions.counter):
 * the write happens only if ARGV[7] is above the stored count, which it then
 * becomes, in the same step. KEYS: aor hash, expiry index, tenant index
 * [, counter]. ARGV: version, expireAt, indexTtl, user, latest expiry,
 * gone-before, counter value or '', counter TTL or '', nOld, old members...,
 * nNew, (field, json, score, member)..., nPublish, (channel, message)...
 * The messages are published only when the write happens, in the same step.
 * Returns 1 when written, 0 when the version moved on, -1 when the counter did not increase.
 */
const CAS_SCRIPT = `
if KEYS[4] then
  local last = tonumber(redis.call('GET', KEYS[4]) or '0')
  if tonumber(ARGV[7]) <= last then return -1 end
end
local v = redis.call('HGET', KEYS[1], '${VERSION_FIELD}') or '0'
if v ~= ARGV[1] then return 0 end
if KEYS[4] then redis.call('SET', KEYS[4], ARGV[7], 'EX', ARGV[8]) end
local i = 9
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
  redis.call('HSET', KEYS[1], '${VERSION_FIELD}', tostring(tonumber(v) + 1))
  redis.call('PEXPIREAT', KEYS[1], ARGV[2])
  redis.call('ZADD', KEYS[3], ARGV[5], ARGV[4])
  for _, k in ipairs({KEYS[2], KEYS[3]}) do
    redis.call('PEXPIRE', k, ARGV[3], 'NX')
    redis.call('PEXPIRE', k, ARGV[3], 'GT')
  end
else
  redis.call('ZREM', KEYS[3], ARGV[4])
end
-- Users whose last binding ended more than the grace ago have no AOR hash any more.
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. ARGV[6])
local nPub = tonumber(ARGV[i]); i = i + 1
for j = 1, nPub do
  redis.call('PUBLISH', ARGV[i], ARGV[i + 1])
  i = i + 2
end
return 1
`;

/**
 * Removes one swept binding if nobody changed it meanwhile, and takes its user
 * out of the tenant index once none of the user's bindings lives on (the
 * index score is the user's latest expiry, written by the CAS script).
 * KEYS: aor hash, tenant index. ARGV: field, expected json, user, now.
 */
const SWEEP_SCRIPT = `
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('HINCRBY', KEYS[1], '${VERSION_FIELD}', 1)
end
local latest = redis.call('ZSCORE', KEYS[2], ARGV[3])
if latest and tonumber(latest) <= tonumber(ARGV[4]) then redis.call('ZREM', KEYS[2], ARGV[3]) end
return 1
`;

/**
 * The scripts above as commands of the client (ioredis `defineCommand`): sent
 * by SHA1 (EVALSHA), in full only the first time on a connection or after
 * Redis lost them (restart, SCRIPT FLUSH), so a REGISTER puts a few dozen
 * bytes on the wire instead of the 1.3 KB compare-and-set script.
 */
interface LocationScripts {
  locationCompareAndSet(numberOfKeys: number, ...keysAndArgs: Array<string | number>): Promise<number>;
  locationSweep(aor: string, tenantIndex: string, field: string, expected: string, user: string, now: number): Promise<number>;
}

/**
 * The location service: where each address-of-record (tenant + user) can be
 * reached. Lives in Redis so every registrar and router replica shares it and
 * bindings survive restarts. Changes to one AOR are optimistic transactions
 * (a compare-and-set script), so two replicas handling REGISTERs for the same
 * phone never lose each other's writes.
 */
export class LocationStore {
  readonly keys: LocationKeys;
  private readonly maxBindings: number;
  private readonly scripts: LocationScripts;

  constructor(
    private readonly redis: Redis,
    options: { prefix?: string; maxBindingsPerAor?: number } = {},
  ) {
    this.keys = new LocationKeys(options.prefix);
    this.maxBindings = options.maxBindingsPerAor ?? 5;
    // three keys, or four with a counter: the count goes with each call
    redis.defineCommand('locationCompareAndSet', { lua: CAS_SCRIPT });
    redis.defineCommand('locationSweep', { numberOfKeys: 2, lua: SWEEP_SCRIPT });
    this.scripts = redis as Redis & LocationScripts;
  }

  /** The live bindings of an AOR (what routing forks a call to). */
  async lookup(tenantId: string, user: string, now = Date.now()): Promise<Binding[]> {
    return liveBindings((await this.read(tenantId, user)).bindings, now);
  }

  /** The live bindings of several AORs of one tenant in one round trip; users without any are left out. */
  async lookupMany(tenantId: string, users: readonly string[], now = Date.now()): Promise<Map<string, Binding[]>> {
    const out = new Map<string, Binding[]>();
    if (!users.length) return out;
    const pipeline = this.redis.pipeline();
    for (const user of users) pipeline.hgetall(this.keys.aor(tenantId, user));
    const replies = (await pipeline.exec()) ?? [];
    replies.forEach(([err, all], i) => {
      if (err) throw err;
      const bindings = liveBindings(parseAor(all as Record<string, string>).bindings, now);
      if (bindings.length) out.set(users[i], bindings);
    });
    return out;
  }

  /**
   * Users of the tenant with at least one live binding, soonest-expiring
   * first, at most `limit`: "every registration of a tenant" without a scan.
   */
  registeredUsers(tenantId: string, now = Date.now(), limit = 1000): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.tenantIndex(tenantId), `(${now}`, '+inf', 'LIMIT', 0, limit);
  }

  /**
   * How many bindings of every tenant are live: one ZCOUNT over the expiry
   * index (O(log n)), cheap enough for every metrics scrape.
   */
  countLive(now = Date.now()): Promise<number> {
    return this.redis.zcount(this.keys.expiryIndex(), `(${now}`, '+inf');
  }

  /**
   * Reads an AOR for `apply`. A caller that has other Redis work for the same
   * request can issue this in the same tick (auto-pipelined into one round
   * trip) and hand the snapshot to `apply`.
   */
  async read(tenantId: string, user: string): Promise<AorSnapshot> {
    return parseAor(await this.redis.hgetall(this.keys.aor(tenantId, user)));
  }

  /**
   * A snapshot from the AOR hash (`keys.aor`) read some other way, such as
   * HGETALL inside a caller's own script: field, value, field, value...
   */
  snapshotFromFields(fields: readonly string[]): AorSnapshot {
    const all: Record<string, string> = {};
    for (let i = 0; i + 1 < fields.length; i += 2) all[fields[i]] = fields[i + 1];
    return parseAor(all);
  }

  /**
   * Applies a REGISTER's changes atomically and reports what changed. Starts
   * from `snapshot` when given (see `read`); a stale snapshot only costs a retry.
   * With `counter`, throws CounterNotIncreased (and writes nothing) unless the
   * counter goes up in the same step.
   */
  async apply(tenantId: string, user: string, changes: BindingChange[], now = Date.now(), snapshot?: AorSnapshot, options: ApplyOptions = {}): Promise<ApplyResult> {
    const key = this.keys.aor(tenantId, user);
    const { counter } = options;
    const keys = [key, this.keys.expiryIndex(), this.keys.tenantIndex(tenantId), ...(counter ? [counter.key] : [])];
    for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
      const { version, bindings: current } = attempt === 0 && snapshot ? snapshot : await this.read(tenantId, user);
      const result = applyChanges(current, changes, now, this.maxBindings);
      const latest = result.bindings.length ? Math.max(...result.bindings.map((b) => b.expiresAt)) : 0;
      const expireAt = latest ? latest + GRACE_MS : 0;
      const args: Array<string | number> = [
        version,
        expireAt,
        expireAt ? expireAt - now : 0,
        user,
        latest,
        now - GRACE_MS,
        counter ? counter.value : '',
        counter ? counter.ttlSeconds : '',
        current.length,
        ...current.map((b) => this.keys.expiryMember(tenantId, user, bindingKey(b))),
        result.bindings.length,
        ...result.bindings.flatMap((b) => [bindingKey(b), JSON.stringify(b), b.expiresAt, this.keys.expiryMember(tenantId, user, bindingKey(b))]),
      ];
      const messages = options.publish?.(result) ?? [];
      args.push(messages.length, ...messages.flatMap((m) => [m.channel, m.message]));
      const ok = await this.scripts.locationCompareAndSet(keys.length, ...keys, ...args);
      if (ok === 1) return result;
      if (ok === -1) throw new CounterNotIncreased(counter?.key ?? '');
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
      await this.scripts.locationSweep(key, this.keys.tenantIndex(tenantId), bk, raw, user, now);
      out.push({ tenantId, user, binding });
    }
    return out;
  }
}

/** An AOR hash as Redis returns it: its version and every binding in it. */
function parseAor(all: Record<string, string>): AorSnapshot {
  return {
    version: all[VERSION_FIELD] ?? '0',
    bindings: Object.entries(all)
      .filter(([f]) => f !== VERSION_FIELD)
      .map(([, v]) => JSON.parse(v) as Binding),
  };
}
