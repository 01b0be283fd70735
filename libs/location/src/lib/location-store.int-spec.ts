import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { testRedisUrl } from '@branchline/testing';
import type { Binding } from './binding';
import { LocationStore } from './location-store';

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
});
