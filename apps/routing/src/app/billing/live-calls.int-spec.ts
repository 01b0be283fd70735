import { randomBytes, randomUUID } from 'node:crypto';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import Redis from 'ioredis';
import pino from 'pino';
import { redisOptionsFromUrl } from '@branchline/config';
import { Events, type CallEndedEvent } from '@branchline/contracts';
import { SqlPool } from '@branchline/db';
import { captureRedisEvents, createTestDatabase, testRedisUrl, waitFor, type TestDatabase } from '@branchline/testing';
import { CallEvents } from '../call-events';
import type { AppliedRate } from './cdr-pricing';
import { CdrRepository } from '../data/cdr.repository';
import { CdrWriter } from './cdr-writer';
import { ChannelLeases } from '../pstn/channel-leases';
import { LiveCalls, REPLICA_LOST, type AnsweredCall } from './live-calls';
import { RoutingKeys } from '../routing-keys';
import { RoutingMetrics } from '../metrics/routing-metrics';
import { internalCallContext } from '../../testing/call-context';
import type { CdrRow } from '../../testing/cdr-row';

const LEASE_MS = 10_000;
const KEEP_MS = 60_000;

/** Answered calls in Redis, and the reaper that bills those whose replica died (real Redis and Postgres). */
describe('LiveCalls (real Redis and Postgres)', () => {
  let db: TestDatabase;
  let sql: SqlPool;
  let redis: Redis;
  let otherRedis: Redis;
  let bus: ClientProxy;
  let keys: RoutingKeys;
  let tenantId: string;
  /** Two replicas' views of the same Redis, each on its own connection. */
  let live: LiveCalls;
  let otherLive: LiveCalls;
  let leases: ChannelLeases;
  let events: Awaited<ReturnType<typeof captureRedisEvents>>;
  const logger = pino({ level: 'silent' });
  const prefix = `t:live-pstn-${randomBytes(3).toString('hex')}:`;
  const rate: AppliedRate = {
    rateDeckId: randomUUID(),
    prefix: '4930',
    description: 'Germany Berlin',
    currency: 'EUR',
    connectFee: '0.0000',
    pricePerMinute: '0.0190',
    initialIncrement: 60,
    subsequentIncrement: 60,
  };
  const routeId = randomUUID();
  const gatewayId = randomUUID();
  const siteId = randomUUID();

  beforeAll(async () => {
    db = await createTestDatabase('live-pstn');
    sql = new SqlPool(db.url);
    redis = new Redis(testRedisUrl());
    otherRedis = new Redis(testRedisUrl());
    bus = ClientProxyFactory.create({ transport: Transport.REDIS, options: redisOptionsFromUrl(testRedisUrl()) });
    await bus.connect();
    keys = new RoutingKeys(prefix);
    const [tenant] = await db.query<{ id: string }>(
      `INSERT INTO tenants (id, name, slug, sip_domain, country_code, updated_at) VALUES (gen_random_uuid(), 'live', $1, 'live.test', 'DE', now()) RETURNING id`,
      [`live-${randomBytes(3).toString('hex')}`],
    );
    tenantId = tenant.id;
    const replica = (r: Redis) => {
      const l = new ChannelLeases(r, LEASE_MS);
      const writer = new CdrWriter(new CdrRepository(sql), r, keys, new CallEvents(bus, logger), logger, 1000, RoutingMetrics.create(r, keys, 500));
      return new LiveCalls(r, keys, writer, l, logger, { leaseMs: LEASE_MS, keepMs: KEEP_MS, reapEveryMs: 1000 });
    };
    live = replica(redis);
    otherLive = replica(otherRedis);
    leases = new ChannelLeases(redis, LEASE_MS);
    events = await captureRedisEvents([Events.CallEnded]);
  });
  afterAll(async () => {
    await events?.close();
    const left = await redis.keys(`${prefix}*`);
    if (left.length) await redis.del(...left);
    redis.disconnect();
    otherRedis.disconnect();
    await bus.close();
    await sql.end();
    await db.drop();
  });

  const call = (answeredAtMs = Date.now()): AnsweredCall => ({
    ctx: internalCallContext(`pstn-${randomBytes(5).toString('hex')}`, tenantId, {
      direction: 'OUTBOUND',
      siteId,
      dialedNumber: '00301234567',
      normalizedNumber: '+49301234567',
      startedAtMs: answeredAtMs - 3000,
    }),
    routeId,
    gatewayId,
    rate,
    answeredAtMs,
  });
  /** What a replica that stopped renewing leaves behind: its call's last renewal at `lastRenewalMs`. */
  const stopRenewing = (callId: string, lastRenewalMs: number) => redis.zadd(keys.livePstnCalls(), lastRenewalMs + LEASE_MS, callId);
  const rowsOf = (callId: string) => db.query<CdrRow>('SELECT * FROM cdrs WHERE call_id = $1', [callId]);
  const endedOf = (callId: string) => events.events.filter((e) => (e.data as CallEndedEvent).callId === callId);

  it('records an answered call as a hash and a live-set entry one lease ahead, and renews both', async () => {
    const c = call();
    const before = Date.now();
    await live.record(c);
    const h = await redis.hgetall(keys.pstnCall(c.ctx.callId));
    expect(JSON.parse(h['ctx'])).toEqual(c.ctx);
    expect(JSON.parse(h['rate'])).toEqual(rate);
    expect(h).toMatchObject({ routeId, gatewayId, answeredAtMs: String(c.answeredAtMs), leaseMs: String(LEASE_MS) });
    const first = (await live.aliveUntil(c.ctx.callId)) ?? NaN;
    expect(first).toBeGreaterThanOrEqual(before + LEASE_MS);
    expect(first).toBeLessThanOrEqual(Date.now() + LEASE_MS);
    expect(await redis.pttl(keys.pstnCall(c.ctx.callId))).toBeGreaterThan(KEEP_MS - 5000);

    await redis.pexpire(keys.pstnCall(c.ctx.callId), 5000);
    await new Promise((r) => setTimeout(r, 20));
    expect(await live.renew(c.ctx.callId)).toBe(true);
    expect(await live.aliveUntil(c.ctx.callId)).toBeGreaterThan(first);
    expect(await redis.pttl(keys.pstnCall(c.ctx.callId))).toBeGreaterThan(KEEP_MS - 5000);
    expect(await live.claim(c.ctx.callId)).toBe(true);
    await live.forget(c.ctx.callId);
  });

  it('hands an ended call to exactly one of several concurrent claimers; a claimed call is not renewed back', async () => {
    const c = call();
    await live.record(c);
    const claims = await Promise.all([live.claim(c.ctx.callId), otherLive.claim(c.ctx.callId), live.claim(c.ctx.callId), otherLive.claim(c.ctx.callId)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await live.renew(c.ctx.callId)).toBe(false);
    expect(await live.aliveUntil(c.ctx.callId)).toBeNull();
    await live.forget(c.ctx.callId);
    expect(await redis.exists(keys.pstnCall(c.ctx.callId))).toBe(0);
  });

  it('reaps only calls whose lease ran out, billing each up to its last renewal, and frees their state and leases', async () => {
    // Answered two minutes ago; its replica renewed it last 65 s after the answer, then died.
    const lost = call(Date.now() - 120_000);
    const up = call();
    for (const c of [lost, up]) {
      await live.record(c);
      await leases.acquire(keys.gatewayChannels(gatewayId), c.ctx.callId, null);
      await leases.acquire(keys.siteCalls(siteId), c.ctx.callId, null);
    }
    await stopRenewing(lost.ctx.callId, lost.answeredAtMs + 65_000);

    expect(await live.reap()).toBe(1);

    const [cdr] = await waitFor(async () => {
      const rows = await rowsOf(lost.ctx.callId);
      return rows.length ? rows : undefined;
    });
    expect(cdr).toMatchObject({
      disposition: 'ANSWERED',
      sip_status: 200,
      hangup_by: 'SYSTEM',
      hangup_cause: REPLICA_LOST,
      duration_sec: 65,
      // 65 s at 0.0190/min, 60/60: two minutes.
      billable_sec: 120,
      cost: '0.03800',
      currency: 'EUR',
      gateway_id: gatewayId,
      route_id: routeId,
      rate_deck_id: rate.rateDeckId,
      price_per_minute: '0.01900',
    });
    expect(cdr.answered_at?.getTime()).toBe(lost.answeredAtMs);
    expect(cdr.ended_at.getTime()).toBe(lost.answeredAtMs + 65_000);
    expect(await live.aliveUntil(lost.ctx.callId)).toBeNull();
    expect(await redis.exists(keys.pstnCall(lost.ctx.callId))).toBe(0);
    expect(await redis.zscore(keys.gatewayChannels(gatewayId), lost.ctx.callId)).toBeNull();
    expect(await redis.zscore(keys.siteCalls(siteId), lost.ctx.callId)).toBeNull();
    await waitFor(() => endedOf(lost.ctx.callId).length === 1, { what: 'call.ended' });

    // The call still renewed is left alone, with its state and leases.
    expect(await live.aliveUntil(up.ctx.callId)).not.toBeNull();
    expect(await redis.exists(keys.pstnCall(up.ctx.callId))).toBe(1);
    expect(await redis.zscore(keys.gatewayChannels(gatewayId), up.ctx.callId)).not.toBeNull();
    expect(await rowsOf(up.ctx.callId)).toEqual([]);
    expect(await live.reap()).toBe(0);
    expect(await live.claim(up.ctx.callId)).toBe(true);
    await live.forget(up.ctx.callId);
  });

  it('bills a lapsed call to an extension free, as an internal call, up to its last renewal', async () => {
    const answeredAtMs = Date.now() - 90_000;
    const c: AnsweredCall = {
      ctx: internalCallContext(`ext-${randomBytes(5).toString('hex')}`, tenantId, { siteId, startedAtMs: answeredAtMs - 2000 }),
      routeId: null,
      gatewayId: null,
      rate: null,
      answeredAtMs,
    };
    await live.record(c);
    // A PSTN call's leases on the same site are not this call's to free.
    await leases.acquire(keys.siteCalls(siteId), 'someone-else', null);
    await stopRenewing(c.ctx.callId, answeredAtMs + 30_000);

    expect(await live.reap()).toBe(1);

    const [cdr] = await rowsOf(c.ctx.callId);
    expect(cdr).toMatchObject({
      direction: 'INTERNAL',
      disposition: 'ANSWERED',
      hangup_by: 'SYSTEM',
      hangup_cause: REPLICA_LOST,
      duration_sec: 30,
      billable_sec: 0,
      cost: '0.00000',
      gateway_id: null,
      rate_deck_id: null,
    });
    expect(cdr.ended_at.getTime()).toBe(answeredAtMs + 30_000);
    expect(await redis.exists(keys.pstnCall(c.ctx.callId))).toBe(0);
    expect(await redis.zscore(keys.siteCalls(siteId), 'someone-else')).not.toBeNull();
    await leases.release(keys.siteCalls(siteId), 'someone-else');
  });

  it('bills each lapsed call once when two replicas reap at the same time', async () => {
    const lost = [call(Date.now() - 60_000), call(Date.now() - 60_000), call(Date.now() - 60_000), call(Date.now() - 60_000)];
    for (const c of lost) {
      await live.record(c);
      await stopRenewing(c.ctx.callId, c.answeredAtMs + 20_000);
    }

    const [a, b] = await Promise.all([live.reap(), otherLive.reap()]);
    expect(a + b).toBe(lost.length);

    for (const c of lost) {
      const rows = await rowsOf(c.ctx.callId);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ hangup_by: 'SYSTEM', hangup_cause: REPLICA_LOST, duration_sec: 20, billable_sec: 60, cost: '0.01900' });
      expect(await live.aliveUntil(c.ctx.callId)).toBeNull();
      expect(await redis.exists(keys.pstnCall(c.ctx.callId))).toBe(0);
    }
    await waitFor(() => lost.every((c) => endedOf(c.ctx.callId).length >= 1), { what: 'call.ended of every reaped call' });
    // Give a duplicate announcement time to arrive, then check there is none.
    await new Promise((r) => setTimeout(r, 300));
    for (const c of lost) expect(endedOf(c.ctx.callId)).toHaveLength(1);
    expect(await Promise.all([live.reap(), otherLive.reap()])).toEqual([0, 0]);
  });

  it('bills every lapsed call in one round, more than one batch of them', async () => {
    const lost = Array.from({ length: 150 }, () => call(Date.now() - 60_000));
    await Promise.all(lost.map((c) => live.record(c)));
    await Promise.all(lost.map((c) => stopRenewing(c.ctx.callId, c.answeredAtMs + 20_000)));
    expect(await live.reap()).toBe(lost.length);
    const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cdrs WHERE call_id = ANY($1)', [lost.map((c) => c.ctx.callId)]);
    expect(n).toBe(lost.length);
    expect(await redis.zcard(keys.livePstnCalls())).toBe(0);
  });
});
