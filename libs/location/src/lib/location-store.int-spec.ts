import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { testRedisUrl } from '@branchline/testing';
import type { Binding } from './binding';
import { CounterNotIncreased, LocationStore } from './location-store';

describe('LocationStore (real Redis)', () => {
  let redis: Redis;
  let store: LocationStore;
  const prefix = `t:${randomBytes(4).toString('hex')}:`;
  const now = Date.now();
  const b = (contact: string, over: Partial<Binding> = {}): Binding => ({
    contact,
    source: { address: '127.0.0.1', port: 5070, transport: 'udp' },
    expiresAt: now + 300_000,
    registeredAt: now,
    callId: `cid-${contact}`,
    cseq: 1,
    registrar: 'r1',
    ...over,
  });

  beforeAll(() => {
    redis = new Redis(testRedisUrl());
    store = new LocationStore(redis, { prefix, maxBindingsPerAor: 3 });
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('stores bindings with a TTL and finds them per tenant and user', async () => {
    await store.apply('tenant-a', '1001', [{ op: 'upsert', binding: b('sip:1001@10.1.1.1:5060') }], now);
    expect((await store.lookup('tenant-a', '1001', now)).map((x) => x.contact)).toEqual(['sip:1001@10.1.1.1:5060']);
    expect(await store.lookup('tenant-b', '1001', now)).toEqual([]);
    const ttl = await redis.pttl(store.keys.aor('tenant-a', '1001'));
    expect(ttl).toBeGreaterThan(300_000);
    expect(ttl).toBeLessThanOrEqual(360_000 + 1000);
    expect(await redis.pttl(store.keys.expiryIndex())).toBeGreaterThan(0);
  });

  it('loses no binding when many REGISTERs for one AOR race', async () => {
    await Promise.all(
      Array.from({ length: 3 }, (_, i) => store.apply('tenant-a', '2002', [{ op: 'upsert', binding: b(`sip:2002@10.0.0.${i}`) }], now)),
    );
    expect((await store.lookup('tenant-a', '2002', now)).map((x) => x.contact).sort()).toEqual([
      'sip:2002@10.0.0.0',
      'sip:2002@10.0.0.1',
      'sip:2002@10.0.0.2',
    ]);
  });

  it('applies from a snapshot read ahead, and re-reads when someone changed the AOR since', async () => {
    const first = await store.read('tenant-a', '2102');
    expect(first).toEqual({ version: '0', bindings: [] });
    await store.apply('tenant-a', '2102', [{ op: 'upsert', binding: b('sip:2102@10.0.1.1') }], now, first);
    const stale = await store.read('tenant-a', '2102');
    expect(stale.bindings.map((x) => x.contact)).toEqual(['sip:2102@10.0.1.1']);
    // another replica registers a second phone after our read
    await store.apply('tenant-a', '2102', [{ op: 'upsert', binding: b('sip:2102@10.0.1.2') }], now);
    const r = await store.apply('tenant-a', '2102', [{ op: 'upsert', binding: b('sip:2102@10.0.1.3') }], now, stale);
    expect(r.bindings.map((x) => x.contact).sort()).toEqual(['sip:2102@10.0.1.1', 'sip:2102@10.0.1.2', 'sip:2102@10.0.1.3']);
    expect((await store.lookup('tenant-a', '2102', now)).map((x) => x.contact).sort()).toEqual(r.bindings.map((x) => x.contact).sort());
  });

  describe('with a counter (the nonce-count of a digest-authenticated REGISTER)', () => {
    const counter = (value: number) => ({ counter: { key: `${prefix}nc:test`, value, ttlSeconds: 60 } });

    it('writes only while the counter goes up, and a refused write changes nothing', async () => {
      await store.apply('tenant-a', '2202', [{ op: 'upsert', binding: b('sip:2202@10.0.2.1') }], now, undefined, counter(1));
      expect(await redis.get(`${prefix}nc:test`)).toBe('1');
      expect(await redis.ttl(`${prefix}nc:test`)).toBeGreaterThan(50);
      const before = await store.read('tenant-a', '2202');
      // the same count again (a replay), then a lower one: refused, the AOR untouched
      for (const value of [1, 0]) {
        await expect(store.apply('tenant-a', '2202', [{ op: 'upsert', binding: b('sip:2202@10.0.2.9') }], now, undefined, counter(value))).rejects.toBeInstanceOf(
          CounterNotIncreased,
        );
      }
      expect(await store.read('tenant-a', '2202')).toEqual(before);
      expect(await redis.get(`${prefix}nc:test`)).toBe('1');
      await store.apply('tenant-a', '2202', [{ op: 'upsert', binding: b('sip:2202@10.0.2.2') }], now, undefined, counter(2));
      expect((await store.lookup('tenant-a', '2202', now)).map((x) => x.contact).sort()).toEqual(['sip:2202@10.0.2.1', 'sip:2202@10.0.2.2']);
      expect(await redis.get(`${prefix}nc:test`)).toBe('2');
    });

    it('does not use the count up on a stale snapshot: the retry still writes', async () => {
      const stale = await store.read('tenant-a', '2203');
      await store.apply('tenant-a', '2203', [{ op: 'upsert', binding: b('sip:2203@10.0.3.1') }], now);
      await store.apply('tenant-a', '2203', [{ op: 'upsert', binding: b('sip:2203@10.0.3.2') }], now, stale, {
        counter: { key: `${prefix}nc:stale`, value: 5, ttlSeconds: 60 },
      });
      expect((await store.lookup('tenant-a', '2203', now)).map((x) => x.contact).sort()).toEqual(['sip:2203@10.0.3.1', 'sip:2203@10.0.3.2']);
      expect(await redis.get(`${prefix}nc:stale`)).toBe('5');
    });

    it('lets exactly one of two racing writes with the same count through', async () => {
      const key = `${prefix}nc:race`;
      const results = await Promise.allSettled(
        [1, 2].map((i) => store.apply('tenant-a', '2204', [{ op: 'upsert', binding: b(`sip:2204@10.0.4.${i}`) }], now, undefined, { counter: { key, value: 7, ttlSeconds: 60 } })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof CounterNotIncreased)).toHaveLength(1);
      expect(await store.lookup('tenant-a', '2204', now)).toHaveLength(1);
    });
  });

  it('publishes the given messages when, and only when, the change is written', async () => {
    const sub = new Redis(testRedisUrl());
    const channel = `${prefix}events`;
    const got: string[] = [];
    await sub.subscribe(channel);
    sub.on('message', (_c, m: string) => got.push(m));
    try {
      const publish = (r: { added: Binding[]; refreshed: Binding[] }) => [
        ...r.added.map((x) => ({ channel, message: `added ${x.contact}` })),
        ...r.refreshed.map((x) => ({ channel, message: `refreshed ${x.contact}` })),
      ];
      const counter = (value: number) => ({ key: `${prefix}nc:pub`, value, ttlSeconds: 60 });
      await store.apply('tenant-a', '2206', [{ op: 'upsert', binding: b('sip:2206@10.0.6.1') }], now, undefined, { counter: counter(1), publish });
      await store.apply('tenant-a', '2206', [{ op: 'upsert', binding: b('sip:2206@10.0.6.1', { cseq: 2 }) }], now, undefined, { counter: counter(2), publish });
      // refused by the counter: nothing written, so nothing announced
      await expect(
        store.apply('tenant-a', '2206', [{ op: 'upsert', binding: b('sip:2206@10.0.6.2') }], now, undefined, { counter: counter(2), publish }),
      ).rejects.toBeInstanceOf(CounterNotIncreased);
      await store.apply('tenant-a', '2206', [{ op: 'upsert', binding: b('sip:2206@10.0.6.3') }], now, undefined, { publish: () => [] });
      await redis.publish(channel, 'end');
      const end = Date.now() + 3000;
      while (!got.includes('end') && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
      expect(got).toEqual(['added sip:2206@10.0.6.1', 'refreshed sip:2206@10.0.6.1', 'end']);
    } finally {
      sub.disconnect();
    }
  });

  it('reads a snapshot from HGETALL fields fetched elsewhere', async () => {
    await store.apply('tenant-a', '2205', [{ op: 'upsert', binding: b('sip:2205@10.0.5.1') }], now);
    const raw = (await redis.call('HGETALL', store.keys.aor('tenant-a', '2205'))) as string[];
    expect(store.snapshotFromFields(raw)).toEqual(await store.read('tenant-a', '2205'));
    expect(store.snapshotFromFields([])).toEqual({ version: '0', bindings: [] });
  });

  it('removes all bindings with Contact: * and deletes the key', async () => {
    await store.apply('tenant-a', '3003', [{ op: 'upsert', binding: b('sip:3003@x') }], now);
    const r = await store.apply('tenant-a', '3003', [{ op: 'remove-all', callId: 'other', cseq: 1 }], now);
    expect(r.removed).toHaveLength(1);
    expect(await redis.exists(store.keys.aor('tenant-a', '3003'))).toBe(0);
  });

  it('sweeps expired bindings once, even with two sweepers', async () => {
    await store.apply('tenant-a', '4004', [{ op: 'upsert', binding: b('sip:4004@x', { expiresAt: now + 1000 }) }], now);
    await store.apply('tenant-a', '4005', [{ op: 'upsert', binding: b('sip:4005@x', { expiresAt: now + 900_000 }) }], now);
    const later = now + 2000;
    const [a, c] = await Promise.all([store.sweepExpired(later), store.sweepExpired(later)]);
    const swept = [...a, ...c].filter((x) => x.user.startsWith('400'));
    expect(swept.map((x) => x.user)).toEqual(['4004']);
    expect(await store.lookup('tenant-a', '4004', later)).toEqual([]);
    expect(await store.lookup('tenant-a', '4005', later)).toHaveLength(1);
  });

  it('does not sweep a binding that was refreshed in time', async () => {
    await store.apply('tenant-a', '5005', [{ op: 'upsert', binding: b('sip:5005@x', { expiresAt: now + 1000 }) }], now);
    await store.apply('tenant-a', '5005', [{ op: 'upsert', binding: b('sip:5005@x', { expiresAt: now + 600_000, cseq: 2 }) }], now + 500);
    const swept = await store.sweepExpired(now + 2000);
    expect(swept.filter((x) => x.user === '5005')).toEqual([]);
    expect(await store.lookup('tenant-a', '5005', now + 2000)).toHaveLength(1);
  });

  it('counts the live bindings of every tenant, not the expired or removed ones', async () => {
    const own = new LocationStore(redis, { prefix: `${prefix}count:`, maxBindingsPerAor: 3 });
    expect(await own.countLive(now)).toBe(0);
    await own.apply('tenant-c', '100', [{ op: 'upsert', binding: b('sip:100@a') }, { op: 'upsert', binding: b('sip:100@b') }], now);
    await own.apply('tenant-d', '100', [{ op: 'upsert', binding: b('sip:100@c', { expiresAt: now + 10_000 }) }], now);
    expect(await own.countLive(now)).toBe(3);
    expect(await own.countLive(now + 20_000)).toBe(2);
    await own.apply('tenant-c', '100', [{ op: 'remove', key: 'contact:sip:100@a' }], now);
    expect(await own.countLive(now)).toBe(2);
  });

  describe('tenant index', () => {
    it('lists every registered user of a tenant, and only of that tenant, with a TTL', async () => {
      await store.apply('tenant-i', '100', [{ op: 'upsert', binding: b('sip:100@x') }], now);
      await store.apply('tenant-i', '101', [{ op: 'upsert', binding: b('sip:101@x', { expiresAt: now + 60_000 }) }], now);
      await store.apply('tenant-j', '100', [{ op: 'upsert', binding: b('sip:100@y') }], now);
      expect((await store.registeredUsers('tenant-i', now)).sort()).toEqual(['100', '101']);
      expect(await store.registeredUsers('tenant-j', now)).toEqual(['100']);
      const ttl = await redis.pttl(store.keys.tenantIndex('tenant-i'));
      expect(ttl).toBeGreaterThan(300_000);
      expect(ttl).toBeLessThanOrEqual(360_000 + 1000);
    });

    it('scores a user by its latest binding and honours the limit', async () => {
      await store.apply('tenant-k', '200', [{ op: 'upsert', binding: b('sip:200@a', { expiresAt: now + 10_000 }) }], now);
      await store.apply('tenant-k', '200', [{ op: 'upsert', binding: b('sip:200@b', { expiresAt: now + 900_000 }) }], now);
      await store.apply('tenant-k', '201', [{ op: 'upsert', binding: b('sip:201@a', { expiresAt: now + 20_000 }) }], now);
      expect(await redis.zscore(store.keys.tenantIndex('tenant-k'), '200')).toBe(String(now + 900_000));
      expect(await store.registeredUsers('tenant-k', now, 1)).toEqual(['201']);
      expect(await store.registeredUsers('tenant-k', now + 30_000)).toEqual(['200']);
    });

    it('drops a user whose last binding is removed', async () => {
      await store.apply('tenant-l', '300', [{ op: 'upsert', binding: b('sip:300@x') }], now);
      await store.apply('tenant-l', '301', [{ op: 'upsert', binding: b('sip:301@x') }], now);
      await store.apply('tenant-l', '300', [{ op: 'remove', key: 'contact:sip:300@x' }], now);
      expect(await store.registeredUsers('tenant-l', now)).toEqual(['301']);
      await store.apply('tenant-l', '301', [{ op: 'remove-all', callId: 'other', cseq: 1 }], now);
      expect(await redis.exists(store.keys.tenantIndex('tenant-l'))).toBe(0);
    });

    it('keeps a swept user while another of its bindings lives, and drops it with the last one', async () => {
      await store.apply(
        'tenant-m',
        '400',
        [
          { op: 'upsert', binding: b('sip:400@a', { expiresAt: now + 1000 }) },
          { op: 'upsert', binding: b('sip:400@b', { expiresAt: now + 3000 }) },
        ],
        now,
      );
      await store.sweepExpired(now + 2000);
      expect(await store.registeredUsers('tenant-m', now + 2000)).toEqual(['400']);
      expect((await store.lookup('tenant-m', '400', now + 2000)).map((x) => x.contact)).toEqual(['sip:400@b']);
      await store.sweepExpired(now + 4000);
      expect(await redis.zscore(store.keys.tenantIndex('tenant-m'), '400')).toBeNull();
    });

    it('does not list a user whose bindings expired before any sweep', async () => {
      await store.apply('tenant-n', '500', [{ op: 'upsert', binding: b('sip:500@x', { expiresAt: now + 1000 }) }], now);
      expect(await store.registeredUsers('tenant-n', now)).toEqual(['500']);
      expect(await store.registeredUsers('tenant-n', now + 1000)).toEqual([]);
    });

    it('forgets users gone for longer than the grace on the next write of the tenant', async () => {
      await store.apply('tenant-o', '600', [{ op: 'upsert', binding: b('sip:600@x', { expiresAt: now + 1000 }) }], now);
      const later = now + 1000 + 120_000;
      await store.apply('tenant-o', '601', [{ op: 'upsert', binding: b('sip:601@x', { expiresAt: later + 60_000 }) }], later);
      expect(await redis.zrange(store.keys.tenantIndex('tenant-o'), 0, -1)).toEqual(['601']);
    });
  });

  it('looks up the live bindings of many users in one call', async () => {
    await store.apply('tenant-p', '700', [{ op: 'upsert', binding: b('sip:700@x') }], now);
    await store.apply('tenant-p', '701', [{ op: 'upsert', binding: b('sip:701@x', { expiresAt: now + 1000 }) }], now);
    const found = await store.lookupMany('tenant-p', ['700', '701', '702'], now + 2000);
    expect([...found.keys()]).toEqual(['700']);
    expect(found.get('700')?.map((x) => x.contact)).toEqual(['sip:700@x']);
    expect((await store.lookupMany('tenant-p', [], now)).size).toBe(0);
  });
});
