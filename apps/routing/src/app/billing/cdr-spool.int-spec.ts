import { randomBytes, randomUUID } from 'node:crypto';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import Redis from 'ioredis';
import pino from 'pino';
import { redisOptionsFromUrl } from '@branchline/config';
import { Events } from '@branchline/contracts';
import { SqlPool } from '@branchline/db';
import { captureRedisEvents, createTestDatabase, parseMetrics, testRedisUrl, waitFor, type TestDatabase } from '@branchline/testing';
import { CallEvents } from '../call-events';
import { internalCdr } from './cdr-pricing';
import { CdrRepository } from '../data/cdr.repository';
import { CdrWriter } from './cdr-writer';
import { RoutingKeys } from '../routing-keys';
import { RoutingMetrics } from '../metrics/routing-metrics';
import { internalCallContext } from '../../testing/call-context';

/** CDRs survive a Postgres outage: spooled in a Redis stream, written once when it is back. */
describe('CDR writing and the spool (real Postgres and Redis)', () => {
  let db: TestDatabase;
  let live: SqlPool;
  /** A Postgres nobody listens on: what the writer meets during an outage. */
  let down: SqlPool;
  let redis: Redis;
  let bus: ClientProxy;
  let keys: RoutingKeys;
  let tenantId: string;
  let metrics: RoutingMetrics;
  const logger = pino({ level: 'silent' });

  beforeAll(async () => {
    db = await createTestDatabase('cdr-spool');
    live = new SqlPool(db.url);
    down = new SqlPool('postgresql://root@127.0.0.1:1/test');
    redis = new Redis(testRedisUrl());
    bus = ClientProxyFactory.create({ transport: Transport.REDIS, options: redisOptionsFromUrl(testRedisUrl()) });
    await bus.connect();
    keys = new RoutingKeys(`t:cdr-spool-${randomBytes(3).toString('hex')}:`);
    metrics = RoutingMetrics.create(redis, keys, 500);
    const [tenant] = await db.query<{ id: string }>(
      `INSERT INTO tenants (id, name, slug, sip_domain, country_code, updated_at) VALUES (gen_random_uuid(), 'spool', $1, 'spool.test', 'DE', now()) RETURNING id`,
      [`spool-${randomBytes(3).toString('hex')}`],
    );
    tenantId = tenant.id;
  });
  afterAll(async () => {
    await redis.del(keys.cdrSpool(), keys.cdrRejected());
    redis.disconnect();
    await bus.close();
    await live.end();
    await down.end();
    await db.drop();
  });

  const writer = (sql: SqlPool) => new CdrWriter(new CdrRepository(sql), redis, keys, new CallEvents(bus, logger), logger, 1000, metrics);
  const scrape = async () => parseMetrics(await metrics.registry.metrics());

  function cdrFor(callId: string) {
    const ctx = internalCallContext(callId, tenantId);
    return internalCdr(randomUUID(), ctx, Date.now() - 4000, { endedAtMs: Date.now(), reason: 'normal-release', status: null, by: 'CALLER' });
  }

  const rowsOf = (callId: string) => db.query<{ id: string; disposition: string }>('SELECT id, disposition FROM cdrs WHERE call_id = $1', [callId]);

  it('writes a CDR once however often it is written, and announces it once', async () => {
    const events = await captureRedisEvents([Events.CallEnded]);
    const cdr = cdrFor(`once-${randomUUID()}`);
    await writer(live).write(cdr);
    await writer(live).write({ ...cdr, id: randomUUID() });
    expect(await rowsOf(cdr.callId)).toEqual([{ id: cdr.id, disposition: 'ANSWERED' }]);
    await waitFor(() => events.events.some((e) => (e.data as { callId: string }).callId === cdr.callId), { what: 'call.ended' });
    expect(events.events.filter((e) => (e.data as { callId: string }).callId === cdr.callId)).toHaveLength(1);
    await events.close();
  });

  it('spools a CDR while Postgres is unreachable and writes it exactly once when it is back', async () => {
    const events = await captureRedisEvents([Events.CallEnded]);
    const cdr = cdrFor(`spooled-${randomUUID()}`);
    await writer(down).write(cdr);
    expect(await redis.xlen(keys.cdrSpool())).toBe(1);
    expect(await rowsOf(cdr.callId)).toEqual([]);
    // Still down: the CDR stays in the spool.
    expect(await writer(down).drain()).toBe(0);
    expect(await redis.xlen(keys.cdrSpool())).toBe(1);
    const mine = () => events.events.filter((e) => (e.data as { callId: string }).callId === cdr.callId);
    expect(mine()).toHaveLength(0);

    expect(await writer(live).drain()).toBe(1);
    expect(await redis.xlen(keys.cdrSpool())).toBe(0);
    expect(await rowsOf(cdr.callId)).toEqual([{ id: cdr.id, disposition: 'ANSWERED' }]);
    await waitFor(() => mine().length === 1, { what: 'call.ended for the spooled CDR' });
    await events.close();
  });

  it('counts a call once whether its CDR is written, spooled or already there, times each write, and reports the spool depth', async () => {
    const calls = { direction: 'INTERNAL', disposition: 'ANSWERED' };
    const writes = (result: string) => ({ result });
    const before = await scrape();
    const written = cdrFor(`counted-${randomUUID()}`);
    await writer(live).write(written);
    await writer(live).write({ ...written, id: randomUUID() });
    const spooled = cdrFor(`counted-spooled-${randomUUID()}`);
    await writer(down).write(spooled);
    const during = await scrape();
    expect(during.value('branchline_routing_calls_total', calls) - before.value('branchline_routing_calls_total', calls)).toBe(2);
    for (const [result, n] of [['written', 1], ['duplicate', 1], ['spooled', 1], ['rejected', 0]] as const) {
      expect(during.value('branchline_routing_cdr_write_seconds_count', writes(result)) - before.value('branchline_routing_cdr_write_seconds_count', writes(result))).toBe(n);
    }
    expect(during.value('branchline_routing_cdr_spool_depth')).toBe(await redis.xlen(keys.cdrSpool()));
    expect(during.value('branchline_routing_cdr_spool_depth')).toBeGreaterThanOrEqual(1);

    // written from the spool: no second count, and the spool is empty again
    expect(await writer(live).drain()).toBeGreaterThanOrEqual(1);
    const after = await scrape();
    expect(after.value('branchline_routing_calls_total', calls)).toBe(during.value('branchline_routing_calls_total', calls));
    expect(after.value('branchline_routing_cdr_spool_depth')).toBe(0);
  });

  /** The rejected stream's entries for a call, with the reason Postgres gave. */
  async function rejectedFor(callId: string): Promise<Array<{ cdr: { callId: string }; reason: string }>> {
    const entries = await redis.xrange(keys.cdrRejected(), '-', '+');
    return entries
      .map(([, f]) => ({ cdr: JSON.parse(f[f.indexOf('cdr') + 1]) as { callId: string }, reason: f[f.indexOf('reason') + 1] }))
      .filter((e) => e.cdr.callId === callId);
  }

  it('keeps a CDR Postgres refuses while it is up in the rejected stream, not in the spool, and announces nothing', async () => {
    const events = await captureRedisEvents([Events.CallEnded]);
    // a tenant that does not exist: the foreign key refuses the row, and no retry would change that
    const cdr = { ...cdrFor(`refused-${randomUUID()}`), tenantId: randomUUID() };
    const spooled = await redis.xlen(keys.cdrSpool());
    await writer(live).write(cdr);
    expect(await redis.xlen(keys.cdrSpool())).toBe(spooled);
    expect(await rowsOf(cdr.callId)).toEqual([]);
    const [rejected] = await rejectedFor(cdr.callId);
    expect(rejected.reason).toMatch(/foreign key/i);
    expect(events.events.filter((e) => (e.data as { callId: string }).callId === cdr.callId)).toHaveLength(0);
    await events.close();
  });

  it('moves a refused CDR at the head of the spool aside, so the ones behind it are written', async () => {
    const bad = { ...cdrFor(`spooled-bad-${randomUUID()}`), tenantId: randomUUID() };
    const good = cdrFor(`spooled-good-${randomUUID()}`);
    // both spooled during an outage, the bad one first
    await writer(down).write(bad);
    await writer(down).write(good);
    expect(await writer(live).drain()).toBe(2);
    expect(await redis.xlen(keys.cdrSpool())).toBe(0);
    expect(await rowsOf(good.callId)).toEqual([{ id: good.id, disposition: 'ANSWERED' }]);
    expect(await rowsOf(bad.callId)).toEqual([]);
    expect(await rejectedFor(bad.callId)).toHaveLength(1);
  });
});
