import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { testRedisUrl } from '@branchline/testing';
import { CallStore } from './call-store';
import { RoutingKeys } from './routing-keys';
import { internalCallContext } from '../testing/call-context';

describe('CallStore (real Redis)', () => {
  let redis: Redis;
  let keys: RoutingKeys;
  let store: CallStore;
  const prefix = `t:call-store-${randomBytes(3).toString('hex')}:`;

  beforeAll(() => {
    redis = new Redis(testRedisUrl());
    keys = new RoutingKeys(prefix);
    store = new CallStore(redis, keys, 60);
  });
  afterAll(async () => {
    const left = await redis.keys(`${prefix}*`);
    if (left.length) await redis.del(...left);
    redis.disconnect();
  });

  const ctx = (callId: string) => internalCallContext(callId, '00000000-0000-4000-8000-000000000001', { startedAtMs: 1_700_000_000_000 });

  it('hands an open call with its answer time to exactly one taker, then forgets it', async () => {
    const id = `take-${randomBytes(4).toString('hex')}`;
    await store.open(ctx(id));
    await store.answered(id, 1_700_000_001_000);
    expect(await redis.ttl(keys.call(id))).toBeGreaterThan(0);
    const takes = await Promise.all([store.take(id), store.take(id), store.take(id)]);
    expect(takes.filter((t) => t !== null)).toEqual([{ ctx: ctx(id), answeredAtMs: 1_700_000_001_000 }]);
    expect(await redis.exists(keys.call(id))).toBe(0);
    expect(await store.peek(id)).toBeNull();
  });

  it('leaves the call alone for a final response to another INVITE of the same Call-ID (the 407 before it)', async () => {
    const id = `cseq-${randomBytes(4).toString('hex')}`;
    await store.open(ctx(id));
    expect(await store.take(id, 1)).toBeNull();
    expect(await store.peek(id)).toEqual({ ctx: ctx(id), answeredAtMs: null });
    expect(await store.take(id, 2)).toEqual({ ctx: ctx(id), answeredAtMs: null });
    expect(await store.take(id, 2)).toBeNull();
  });

  it('finds nothing for a call it never routed', async () => {
    expect(await store.take(`none-${randomBytes(4).toString('hex')}`, 1)).toBeNull();
    expect(await store.take(`none-${randomBytes(4).toString('hex')}`)).toBeNull();
  });
});
