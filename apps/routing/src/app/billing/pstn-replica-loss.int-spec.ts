import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { Events, type CallAnsweredEvent, type CallEndedEvent } from '@branchline/contracts';
import { createPrismaClient } from '@branchline/db';
import { computeHa1 } from '@branchline/digest';
import {
  captureRedisEvents,
  createTestDatabase,
  freePort,
  runSipp,
  startRoutingProcess,
  startSipServerProcess,
  startSippUas,
  testRedisUrl,
  waitFor,
  waitForUdpBound,
  type RoutingProcess,
  type SipServerProcess,
  type TestDatabase,
} from '@branchline/testing';
import { callCsv, cdrsOf, placeCall } from '../../testing/routing-harness';
import type { CdrRow } from '../../testing/cdr-row';
import { REPLICA_LOST } from './live-calls';
import { RoutingKeys } from '../routing-keys';

const DOMAIN = 'replica-loss.test';
const PASSWORD = 'Phone-Secret-2026!';
/** The shortest lease the config allows; running calls renew every third of it. */
const LEASE_MS = 10_000;
const RENEW_EVERY_MS = Math.floor(LEASE_MS / 3);
const ROUTING_ENV = { CHANNEL_LEASE_SECONDS: String(LEASE_MS / 1000), RING_TIMEOUT_SECONDS: '10', GATEWAY_SETUP_TIMEOUT_SECONDS: '3' };

/**
 * "CDRs are never lost": a routing replica SIGKILLed while it holds an
 * answered PSTN call (sipp phone → sip-server → routing process → sipp
 * gateway); another routing process bills the call from Redis once its lease
 * lapses, exactly once, up to its last renewal.
 */
describe('a PSTN call whose routing replica dies mid-call (routing processes, sipp phone and gateway)', () => {
  let db: TestDatabase;
  let sip: SipServerProcess;
  let routing: RoutingProcess;
  let successor: RoutingProcess | undefined;
  let redis: Redis;
  let keys: RoutingKeys;
  let events: Awaited<ReturnType<typeof captureRedisEvents>>;
  let gatewayPort: number;
  const ids = { gateway: '', deck: '', route: '', site: '' };
  const prefix = `t:pstn-loss-${randomBytes(3).toString('hex')}:`;

  beforeAll(async () => {
    db = await createTestDatabase('pstn-replica-loss');
    sip = await startSipServerProcess();
    routing = await startRoutingProcess({ databaseUrl: db.url, sip, redisPrefix: prefix, env: ROUTING_ENV });
    redis = new Redis(testRedisUrl());
    keys = new RoutingKeys(prefix);
    events = await captureRedisEvents([Events.CallAnswered, Events.CallEnded]);
    gatewayPort = await freePort();

    const prisma = createPrismaClient(db.url);
    const tenant = await prisma.tenant.create({ data: { name: 'loss', slug: 'loss', sipDomain: DOMAIN, countryCode: 'DE' } });
    const site = await prisma.site.create({
      data: { tenantId: tenant.id, name: 'Berlin', code: 'BER', extensionRangeStart: 1000, extensionRangeEnd: 1999, countryCode: 'DE', countryCallingCode: '49', areaCode: '30' },
    });
    ids.site = site.id;
    await prisma.extension.create({
      data: {
        tenantId: tenant.id,
        siteId: site.id,
        number: '1000',
        displayName: 'Phone 1000',
        sipUsername: '1000',
        ha1Md5: computeHa1('MD5', '1000', DOMAIN, PASSWORD),
        ha1Sha256: computeHa1('SHA-256', '1000', DOMAIN, PASSWORD),
        sipPasswordEnc: 'unused',
        classOfService: 'NATIONAL',
        externalCallerId: '+4930555000',
      },
    });
    ids.gateway = (await prisma.gateway.create({ data: { tenantId: tenant.id, name: 'carrier', host: '127.0.0.1', port: gatewayPort } })).id;
    const deck = await prisma.rateDeck.create({ data: { tenantId: tenant.id, gatewayId: ids.gateway, name: 'carrier 2026', currency: 'EUR' } });
    ids.deck = deck.id;
    await prisma.rate.create({
      data: { tenantId: tenant.id, rateDeckId: deck.id, prefix: '4930', description: 'Germany Berlin', pricePerMinute: '0.0190', validFrom: new Date('2026-01-01') },
    });
    ids.route = (
      await prisma.outboundRoute.create({
        data: { tenantId: tenant.id, name: 'national', pattern: '+49.', priority: 100, requiredClassOfService: 'NATIONAL', gateways: { create: [{ gatewayId: ids.gateway, position: 0 }] } },
      })
    ).id;
    await prisma.$disconnect();
  }, 120_000);
  afterAll(async () => {
    await events?.close();
    await successor?.stop();
    await routing?.stop();
    await sip?.stop();
    const left = await redis?.keys(`${prefix}*`);
    if (left?.length) await redis.del(...left);
    redis?.disconnect();
    await db?.drop();
  });

  const rowsOf = (callId: string) => db.query<CdrRow>('SELECT * FROM cdrs WHERE call_id = $1', [callId]);
  const eventsOf = (pattern: string, callId: string) => events.events.filter((e) => e.pattern === pattern && (e.data as { callId: string }).callId === callId);
  /** The events once there is one. */
  const someOf = (pattern: string, callId: string) => {
    const found = eventsOf(pattern, callId);
    return found.length ? found : undefined;
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('leaves nothing in the live set or its hash after a PSTN call that ends normally', async () => {
    const gateway = startSippUas({ scenario: 'routing/gw-answer.xml', localPort: gatewayPort, calls: 1, timeoutSeconds: 30 });
    await waitForUdpBound(gatewayPort);
    const r = await placeCall({ sip }, 'call-answered.xml', { caller: '1000', domain: DOMAIN, password: PASSWORD, dialed: '00301234567' });
    expect(r.code).toBe(0);
    expect((await gateway.done).code).toBe(0);
    const [cdr] = await cdrsOf<CdrRow>({ db }, '1000', '00301234567');
    expect(cdr).toMatchObject({ disposition: 'ANSWERED', hangup_by: 'CALLER', hangup_cause: 'normal-release', cost: '0.01900' });
    // Claimed before the CDR was written; the hash is dropped right after it.
    expect(await redis.zscore(keys.livePstnCalls(), cdr.call_id)).toBeNull();
    await waitFor(async () => (await redis.exists(keys.pstnCall(cdr.call_id))) === 0, { what: 'the call’s hash to be dropped' });
    expect(await redis.zcard(keys.livePstnCalls())).toBe(0);
  }, 60_000);

  it('bills an answered call once, up to its last renewal, after the replica holding it is SIGKILLed', async () => {
    const callId = `replica-loss-${randomBytes(6).toString('hex')}@127.0.0.1`;
    const gateway = startSippUas({ scenario: 'routing/gw-answer-hold.xml', localPort: gatewayPort, calls: 1, timeoutSeconds: 120 });
    await waitForUdpBound(gatewayPort);
    const caller = runSipp({
      scenario: 'routing/call-answered-pbx-hangup.xml',
      remote: `127.0.0.1:${sip.sipPort}`,
      localPort: await freePort(),
      calls: 1,
      extraArgs: ['-inf', callCsv('1000', DOMAIN, PASSWORD, '00301234568'), '-cid_str', callId],
      timeoutSeconds: 60,
    });
    const [answered] = await waitFor(() => someOf(Events.CallAnswered, callId), {
      timeoutMs: 15_000,
      what: 'the call to be answered',
    });
    const answeredAtMs = Date.parse((answered.data as CallAnsweredEvent).answeredAt);

    // Recorded as live one lease ahead, then renewed while it is up.
    const first = await waitFor(() => redis.zscore(keys.livePstnCalls(), callId).then((s) => (s === null ? undefined : Number(s))), { what: 'the live-set entry' });
    expect(first).toBeGreaterThanOrEqual(answeredAtMs + LEASE_MS);
    expect(JSON.parse((await redis.hget(keys.pstnCall(callId), 'ctx')) ?? '{}')).toMatchObject({ callId });
    await waitFor(async () => Number(await redis.zscore(keys.livePstnCalls(), callId)) > first, { timeoutMs: RENEW_EVERY_MS + 2000, what: 'a renewal' });

    // Five seconds into the call, the replica holding it dies without a word.
    await sleep(Math.max(0, answeredAtMs + 5000 - Date.now()));
    const killedAt = Date.now();
    process.kill(routing.pid, 'SIGKILL');

    // The sip-server hangs both legs up when its app goes away; nobody is left to bill the call.
    const [callerResult, gatewayResult] = await Promise.all([caller, gateway.done]);
    expect(callerResult.code).toBe(0);
    expect(gatewayResult.code).toBe(0);
    expect(await rowsOf(callId)).toEqual([]);
    const aliveUntil = Number(await redis.zscore(keys.livePstnCalls(), callId));
    expect(aliveUntil).toBeGreaterThan(killedAt);

    successor = await startRoutingProcess({ databaseUrl: db.url, sip, redisPrefix: prefix, env: ROUTING_ENV });
    const deadline = killedAt + LEASE_MS + RENEW_EVERY_MS + 2000;
    const [cdr, ...more] = await waitFor(async () => {
      const rows = await rowsOf(callId);
      return rows.length ? rows : undefined;
    }, { timeoutMs: Math.max(1000, deadline - Date.now()), intervalMs: 100, what: 'the reaped call’s CDR within lease + reaper interval of the kill' });
    const foundAt = Date.now();
    expect(more).toEqual([]);
    // Not before its lease ran out.
    expect(cdr.created_at.getTime()).toBeGreaterThanOrEqual(aliveUntil - 100);
    expect(foundAt).toBeLessThanOrEqual(deadline + 100);

    expect(cdr).toMatchObject({
      disposition: 'ANSWERED',
      sip_status: 200,
      hangup_by: 'SYSTEM',
      hangup_cause: REPLICA_LOST,
      gateway_id: ids.gateway,
      route_id: ids.route,
      rate_deck_id: ids.deck,
      price_per_minute: '0.01900',
      // A few seconds at 0.0190/min, 60/60: the first minute.
      billable_sec: 60,
      cost: '0.01900',
    });
    expect(cdr.answered_at?.getTime()).toBe(answeredAtMs);
    // Ended at its last renewal: at most one renewal interval before the kill.
    expect(cdr.ended_at.getTime()).toBe(aliveUntil - LEASE_MS);
    expect(cdr.ended_at.getTime()).toBeLessThanOrEqual(killedAt);
    expect(cdr.ended_at.getTime()).toBeGreaterThanOrEqual(killedAt - RENEW_EVERY_MS - 500);
    const talkedMs = killedAt - answeredAtMs;
    expect(cdr.duration_sec).toBeLessThanOrEqual(Math.ceil(talkedMs / 1000));
    expect(cdr.duration_sec).toBeGreaterThanOrEqual(Math.floor((talkedMs - RENEW_EVERY_MS - 500) / 1000));

    // Announced once, after the row; the call's state and leases are gone.
    const [ended] = await waitFor(() => someOf(Events.CallEnded, callId), { what: 'call.ended' });
    expect(ended.data as CallEndedEvent).toMatchObject({ cdrId: expect.any(String), hangupBy: 'SYSTEM', disposition: 'ANSWERED', cost: '0.01900' });
    expect(await redis.zscore(keys.livePstnCalls(), callId)).toBeNull();
    expect(await redis.exists(keys.pstnCall(callId))).toBe(0);
    expect(await redis.zscore(keys.gatewayChannels(ids.gateway), callId)).toBeNull();
    expect(await redis.zscore(keys.siteCalls(ids.site), callId)).toBeNull();
    expect(successor.output()).toContain('PSTN call of a lost routing replica billed');

    // Another reaper round changes nothing.
    await sleep(RENEW_EVERY_MS + 500);
    expect(await rowsOf(callId)).toHaveLength(1);
    expect(eventsOf(Events.CallEnded, callId)).toHaveLength(1);
  }, 90_000);
});
