import { Events, type RegistrationBlockedEvent, type RegistrationEvent } from '@branchline/contracts';
import { issueNonce } from '@branchline/digest';
import { captureRedisEvents, waitFor, type CapturedEvent } from '@branchline/testing';
import { createPhones, startRegistrar, type RegistrarHarness } from '../testing/registrar-harness';
import { SipPhone, listedBindings, parseChallenge } from '@branchline/testing';

const PASSWORD = 'Phone-Secret-2026!';
const DOMAIN = 'proto.example';
const THRESHOLD = 4;
const SOURCE_THRESHOLD = 6;

/**
 * The REGISTER rules of RFC 3261 §10.3 and RFC 7616 exercised over real UDP
 * through the sip-server process, with a hand-driven phone where sipp cannot
 * say it (replayed nonce-counts, expired nonces, chosen source addresses).
 * Each test speaks from its own 127.0.0.x address, so one test's lockout or
 * rate limit never touches another.
 */
describe('REGISTER protocol rules (raw UDP phone through sip-server)', () => {
  let h: RegistrarHarness;
  let tenantId: string;
  let captured: { events: CapturedEvent[]; close(): Promise<void> };
  const phones: SipPhone[] = [];

  beforeAll(async () => {
    h = await startRegistrar('register-protocol', {
      LOCKOUT_THRESHOLD: String(THRESHOLD),
      LOCKOUT_SOURCE_THRESHOLD: String(SOURCE_THRESHOLD),
      LOCKOUT_SLOWDOWN_INTERVAL_SECONDS: '1',
      RATE_LIMIT_PER_SOURCE: '20',
      MAX_CONTACTS: '2',
      EXPIRES_MIN: '2',
    });
    const numbers = Array.from({ length: 25 }, (_, i) => String(1001 + i));
    tenantId = (await createPhones(h, DOMAIN, numbers, PASSWORD)).id;
    captured = await captureRedisEvents([
      Events.RegistrationAdded,
      Events.RegistrationRefreshed,
      Events.RegistrationRemoved,
      Events.RegistrationExpired,
      Events.RegistrationBlocked,
    ]);
  });
  afterAll(async () => {
    phones.forEach((p) => p.close());
    await captured.close();
    await h.close();
  });

  const phone = async (user: string, source: string) => {
    const p = await SipPhone.open(user, DOMAIN, { host: '127.0.0.1', port: h.sip.sipPort }, source);
    phones.push(p);
    return p;
  };
  const eventsFor = (pattern: string, user: string) =>
    captured.events.filter((e) => {
      const d = e.data as RegistrationEvent;
      return e.pattern === pattern && d.registration?.tenantId === tenantId && d.registration.user === user;
    });
  const blockedFor = (source: string) =>
    captured.events.filter((e) => e.pattern === Events.RegistrationBlocked && (e.data as RegistrationBlockedEvent).source === source).map((e) => e.data as RegistrationBlockedEvent);

  it('refreshes a binding: the same contact again keeps one binding and publishes registration.refreshed', async () => {
    const p = await phone('1001', '127.0.0.2');
    const first = await p.registerWithAuth(PASSWORD, { expires: 600 });
    expect(first.final?.status).toBe(200);
    const second = await p.registerWithAuth(PASSWORD, { expires: 900 });
    expect(second.final?.status).toBe(200);
    expect(listedBindings(second.final!)).toEqual([{ uri: `sip:1001@127.0.0.2:${p.local.port}`, expires: expect.any(Number) }]);
    expect(listedBindings(second.final!)[0].expires).toBeGreaterThan(890);
    const bindings = await h.location.lookup(tenantId, '1001');
    expect(bindings).toHaveLength(1);
    expect(bindings[0].source).toEqual({ address: '127.0.0.2', port: p.local.port, transport: 'udp' });
    await waitFor(() => eventsFor(Events.RegistrationAdded, '1001').length === 1 && eventsFor(Events.RegistrationRefreshed, '1001').length === 1);
  });

  it('answers a REGISTER without Contact with the current bindings and changes nothing (a query)', async () => {
    const p = await phone('1002', '127.0.0.3');
    expect((await p.registerWithAuth(PASSWORD, { expires: 300 })).final?.status).toBe(200);
    const before = await h.location.lookup(tenantId, '1002');
    const query = await p.registerWithAuth(PASSWORD, { contact: null });
    expect(query.final?.status).toBe(200);
    const listed = listedBindings(query.final!);
    expect(listed.map((b) => b.uri)).toEqual([`sip:1002@127.0.0.3:${p.local.port}`]);
    expect(listed[0].expires).toBeGreaterThan(250);
    expect(listed[0].expires).toBeLessThanOrEqual(300);
    expect(await h.location.lookup(tenantId, '1002')).toEqual(before);
  });

  it('removes one contact with Expires: 0, keeps the other, and publishes registration.removed', async () => {
    const p = await phone('1003', '127.0.0.4');
    const desk = `<sip:1003@127.0.0.4:5071>`;
    const soft = `<sip:1003@127.0.0.4:5072>`;
    expect((await p.registerWithAuth(PASSWORD, { contact: `${desk}, ${soft}`, expires: 600 })).final?.status).toBe(200);
    expect(await h.location.lookup(tenantId, '1003')).toHaveLength(2);
    const removed = await p.registerWithAuth(PASSWORD, { contact: desk, expires: 0 });
    expect(removed.final?.status).toBe(200);
    expect(listedBindings(removed.final!).map((b) => b.uri)).toEqual(['sip:1003@127.0.0.4:5072']);
    expect((await h.location.lookup(tenantId, '1003')).map((b) => b.contact)).toEqual(['sip:1003@127.0.0.4:5072']);
    await waitFor(() => eventsFor(Events.RegistrationRemoved, '1003').length === 1);
    expect((eventsFor(Events.RegistrationRemoved, '1003')[0].data as RegistrationEvent).registration.contact).toBe('sip:1003@127.0.0.4:5071');
  });

  it('removes every binding with Contact: * and Expires: 0', async () => {
    const p = await phone('1004', '127.0.0.5');
    expect((await p.registerWithAuth(PASSWORD, { contact: '<sip:1004@127.0.0.5:5071>, <sip:1004@127.0.0.5:5072>', expires: 600 })).final?.status).toBe(200);
    const cleared = await p.registerWithAuth(PASSWORD, { contact: '*', expires: 0 });
    expect(cleared.final?.status).toBe(200);
    expect(cleared.final!.header('Contact')).toBeUndefined();
    expect(await h.location.lookup(tenantId, '1004')).toEqual([]);
  });

  it('refuses Contact: * without Expires: 0 with 400', async () => {
    const p = await phone('1005', '127.0.0.6');
    const r = await p.registerWithAuth(PASSWORD, { contact: '*', expires: 60 });
    expect(r.final?.status).toBe(400);
    expect(r.final?.reason).toMatch(/wildcard/i);
  });

  it('answers 423 with Min-Expires to an interval below the minimum and binds nothing', async () => {
    const p = await phone('1006', '127.0.0.7');
    const r = await p.registerWithAuth(PASSWORD, { expires: 1 });
    expect(r.final?.status).toBe(423);
    expect(r.final?.header('Min-Expires')).toBe('2');
    expect(await h.location.lookup(tenantId, '1006')).toEqual([]);
  });

  it('keeps at most MAX_CONTACTS bindings, dropping the one that expires first, and stores +sip.instance and reg-id', async () => {
    const p = await phone('1007', '127.0.0.8');
    const instance = '"<urn:uuid:00000000-0000-4000-8000-000000001007>"';
    expect((await p.registerWithAuth(PASSWORD, { contact: `<sip:1007@127.0.0.8:5071>;expires=100;+sip.instance=${instance};reg-id=1`, expires: 600 })).final?.status).toBe(200);
    expect((await p.registerWithAuth(PASSWORD, { contact: '<sip:1007@127.0.0.8:5072>;expires=500', expires: 600 })).final?.status).toBe(200);
    const third = await p.registerWithAuth(PASSWORD, { contact: '<sip:1007@127.0.0.8:5073>;expires=900', expires: 600 });
    expect(third.final?.status).toBe(200);
    expect(listedBindings(third.final!).map((b) => b.uri).sort()).toEqual(['sip:1007@127.0.0.8:5072', 'sip:1007@127.0.0.8:5073']);

    const q = await phone('1008', '127.0.0.8');
    expect((await q.registerWithAuth(PASSWORD, { contact: `<sip:1008@127.0.0.8:5074>;+sip.instance=${instance};reg-id=2` })).final?.status).toBe(200);
    const [b] = await h.location.lookup(tenantId, '1008');
    expect(b).toMatchObject({ instanceId: instance, regId: '2', userAgent: 'branchline-test-phone' });
  });

  it('answers an expired nonce with a fresh challenge carrying stale=true, after which the phone registers', async () => {
    const p = await phone('1009', '127.0.0.9');
    const old = issueNonce(h.config.NONCE_SECRET, DOMAIN, Date.now() - (h.config.NONCE_TTL_SECONDS + 60) * 1000);
    const stale = await p.register({ authorization: p.authorization({ realm: DOMAIN, nonce: old, qop: 'auth' }, PASSWORD) });
    expect(stale?.status).toBe(401);
    const c = parseChallenge(stale!);
    expect(c.stale).toBe(true);
    expect(c.nonce).not.toBe(old);
    const ok = await p.register({ authorization: p.authorization(c, PASSWORD) });
    expect(ok?.status).toBe(200);
  });

  it('does not call a forged nonce stale: the challenge to it says stale=false', async () => {
    const p = await phone('1009', '127.0.0.10');
    const forged = issueNonce('another-secret-0123456789abcdef-0123456', DOMAIN, Date.now());
    const r = await p.register({ authorization: p.authorization({ realm: DOMAIN, nonce: forged, qop: 'auth' }, PASSWORD) });
    expect(r?.status).toBe(401);
    expect(parseChallenge(r!).stale).toBe(false);
  });

  it('refuses a replayed nonce-count: the same nc again gets a stale challenge, a higher nc is accepted', async () => {
    const p = await phone('1010', '127.0.0.11');
    const first = await p.register();
    const c = parseChallenge(first!);
    const once = p.authorization(c, PASSWORD, { nc: 1 });
    expect((await p.register({ authorization: once }))?.status).toBe(200);
    // The very same Authorization in a new transaction: a captured request replayed.
    const replay = await p.register({ authorization: once });
    expect(replay?.status).toBe(401);
    expect(parseChallenge(replay!).stale).toBe(true);
    // A lower count is a replay as well; the next count on the same nonce is fine.
    expect((await p.register({ authorization: p.authorization(c, PASSWORD, { nc: 1 }) }))?.status).toBe(401);
    expect((await p.register({ authorization: p.authorization(c, PASSWORD, { nc: 2 }) }))?.status).toBe(200);
  });

  it('counts nonce-counts across queries and registrations alike: a replayed query is refused too', async () => {
    const p = await phone('1014', '127.0.0.14');
    const c = parseChallenge((await p.register())!);
    expect((await p.register({ authorization: p.authorization(c, PASSWORD, { nc: 1 }) }))?.status).toBe(200);
    // A query (no Contact) with the next count lists the binding; the same query again is a replay.
    const query = p.authorization(c, PASSWORD, { nc: 2 });
    const listed = await p.register({ contact: null, authorization: query });
    expect(listed?.status).toBe(200);
    expect(listed?.headers.get('contact')?.length).toBe(1);
    const replayedQuery = await p.register({ contact: null, authorization: query });
    expect(replayedQuery?.status).toBe(401);
    expect(parseChallenge(replayedQuery!).stale).toBe(true);
    // A registration reusing the count a query took is a replay as well; a count that is no hex number is refused.
    expect((await p.register({ authorization: p.authorization(c, PASSWORD, { nc: 2 }) }))?.status).toBe(401);
    expect((await p.register({ authorization: p.authorization(c, PASSWORD, { nc: 3 }).replace(/nc=[0-9a-f]+/, 'nc=zz') }))?.status).toBe(401);
    expect((await p.register({ authorization: p.authorization(c, PASSWORD, { nc: 3 }) }))?.status).toBe(200);
  });

  it('verifies a SHA-256 digest response as well as MD5', async () => {
    const p = await phone('1011', '127.0.0.12');
    const r = await p.registerWithAuth(PASSWORD, { algorithm: 'SHA-256' });
    expect(r.final?.status).toBe(200);
    const wrong = await p.registerWithAuth('not-the-password', { algorithm: 'SHA-256' });
    expect(wrong.final?.status).toBe(403);
  });

  it('locks out the addresses guessing a user\'s password, while the user\'s own phone keeps registering', async () => {
    const user = '1012';
    const owner = await phone(user, '127.0.1.100');
    expect((await owner.registerWithAuth(PASSWORD)).final?.status).toBe(200);
    const attackers = [await phone(user, '127.0.1.1'), await phone(user, '127.0.1.2')];
    // Guesses from two addresses until both are refused before any challenge (the threshold for
    // each, so twice as many for the user); the owner registers between every two of them.
    const locked = new Set<SipPhone>();
    for (let round = 0; round < THRESHOLD * 10 && locked.size < attackers.length; round++) {
      for (const a of attackers) {
        const challenge = await a.register();
        if (challenge?.status === 403) locked.add(a);
        if (challenge?.status !== 401) continue;
        const guess = await a.register({ authorization: a.authorization(parseChallenge(challenge), `guess-${round}`) });
        // refused, or (the user under attack, another guess being checked) challenged again unchecked
        expect([401, 403]).toContain(guess?.status);
      }
      expect((await owner.registerWithAuth(PASSWORD)).final?.status).toBe(200);
    }
    expect(locked.size).toBe(attackers.length);
    // Each is locked for this user at its address only.
    expect((await (await phone('1013', '127.0.1.1')).registerWithAuth(PASSWORD)).final?.status).toBe(200);
    await waitFor(() => ['127.0.1.1', '127.0.1.2'].every((s) => blockedFor(s).some((b) => b.user === user && b.reason === 'user-source-lockout')));
    expect(blockedFor('127.0.1.100')).toEqual([]);
    expect(captured.events.some((e) => e.pattern === Events.RegistrationBlocked && (e.data as RegistrationBlockedEvent).user === user && (e.data as RegistrationBlockedEvent).reason === 'user-slowdown')).toBe(true);
    expect(await h.redis.ttl(`${h.config.REDIS_PREFIX}auth:lock:pair:${DOMAIN}:${user}:127.0.1.1`)).toBeGreaterThan(h.config.LOCKOUT_SECONDS - 30);
    expect(await h.redis.exists(`${h.config.REDIS_PREFIX}auth:lock:pair:${DOMAIN}:${user}:127.0.1.100`)).toBe(0);
  });

  it('slows a new address down while its user is under attack, rather than refusing it', async () => {
    const user = '1022';
    for (let i = 0; i < THRESHOLD; i++) expect((await (await phone(user, `127.0.1.${11 + i}`)).registerWithAuth(`guess-${i}`)).final?.status).toBe(403);
    // Under attack: another replica is checking an untrusted address for this user right now.
    await h.redis.set(`${h.config.REDIS_PREFIX}auth:slot:user:${DOMAIN}:${user}`, '1', 'PX', 60_000);
    const newcomer = await phone(user, '127.0.1.20');
    // Challenged like anyone; its answer is not checked yet: a fresh challenge, stale=true, so that it retries.
    const first = await newcomer.registerWithAuth(PASSWORD);
    expect(first.challenge.status).toBe(401);
    expect(first.final?.status).toBe(401);
    expect(parseChallenge(first.final as NonNullable<typeof first.final>).stale).toBe(true);
    // The slot frees: its retry is checked, and it registers.
    await h.redis.del(`${h.config.REDIS_PREFIX}auth:slot:user:${DOMAIN}:${user}`);
    expect((await newcomer.registerWithAuth(PASSWORD)).final?.status).toBe(200);
    // Not one of its attempts counted as a failure.
    expect(await h.redis.get(`${h.config.REDIS_PREFIX}auth:fail:pair:${DOMAIN}:${user}:127.0.1.20`)).toBe('0');
  });

  it('locks a source address after repeated failures across usernames, while other addresses still register', async () => {
    const source = '127.0.2.1';
    // one wrong password each: no user reaches its threshold, the source does
    const users = ['1014', '1015', '1016', '9997', '9998', '9999'];
    for (const u of users) expect((await (await phone(u, source)).registerWithAuth('wrong')).final?.status).toBe(403);
    const fromAttacker = await phone('1017', source);
    expect((await fromAttacker.register())?.status).toBe(403);
    const elsewhere = await phone('1017', '127.0.2.2');
    expect((await elsewhere.registerWithAuth(PASSWORD)).final?.status).toBe(200);
    await waitFor(() => blockedFor(source).some((b) => b.reason === 'source-lockout'));
    expect(await h.redis.ttl(`${h.config.REDIS_PREFIX}auth:lock:src:${source}`)).toBeGreaterThan(h.config.LOCKOUT_SECONDS - 30);
  });

  it('applies a lockout another replica set: the authenticated REGISTER is refused by Redis, then the unauthenticated one too, announced once', async () => {
    const source = '127.0.6.1';
    // Another replica locked this source: its lock is in Redis, and this replica has not met it yet.
    await h.redis.set(`${h.config.REDIS_PREFIX}auth:lock:src:${source}`, '1', 'EX', 120);
    const p = await phone('1021', source);
    // The challenge is answered from the process alone: the same 401 as for anyone.
    expect((await p.register())?.status).toBe(401);
    // The answer to it is checked in Redis, so even the right password is refused...
    const attempt = await p.registerWithAuth(PASSWORD);
    expect(attempt.challenge.status).toBe(401);
    expect(attempt.final?.status).toBe(403);
    // ...and from then on this replica refuses the source before it asks Redis anything.
    for (let i = 0; i < 3; i++) expect((await p.register())?.status).toBe(403);
    expect(await h.location.lookup(tenantId, '1021')).toEqual([]);
    await waitFor(() => blockedFor(source).length > 0);
    await new Promise((r) => setTimeout(r, 200));
    expect(blockedFor(source)).toEqual([expect.objectContaining({ source, user: '1021', realm: DOMAIN, reason: 'source-lockout' })]);
    // It ends when the lock in Redis does (set for 120 s above), not a whole LOCKOUT_SECONDS from now.
    const until = Date.parse(blockedFor(source)[0].until);
    expect(until).toBeGreaterThan(Date.now() + 100_000);
    expect(until).toBeLessThanOrEqual(Date.now() + 120_000);
  });

  it('caps REGISTERs per source address per second with 503 and Retry-After', async () => {
    const p = await phone('1018', '127.0.3.1');
    const burst = await Promise.all(Array.from({ length: 60 }, () => p.register()));
    const statuses = burst.map((r) => r?.status);
    // 20 per second: a burst of 60 spans at most two one-second windows, so at least 20 are refused.
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThanOrEqual(20);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(1);
    expect(burst.find((r) => r?.status === 503)?.header('Retry-After')).toBe('5');
  });

  it('announces a binding that runs out with registration.expired and forgets it', async () => {
    const p = await phone('1019', '127.0.4.1');
    expect((await p.registerWithAuth(PASSWORD, { expires: 2 })).final?.status).toBe(200);
    await waitFor(() => eventsFor(Events.RegistrationExpired, '1019').length === 1, { timeoutMs: 10_000 });
    expect(await h.location.lookup(tenantId, '1019')).toEqual([]);
  });

  it('keeps bindings across a registrar restart and answers for them afterwards', async () => {
    const p = await phone('1020', '127.0.5.1');
    expect((await p.registerWithAuth(PASSWORD, { expires: 600 })).final?.status).toBe(200);
    await h.restartRegistrar();
    expect((await h.location.lookup(tenantId, '1020')).map((b) => b.contact)).toEqual([`sip:1020@127.0.5.1:${p.local.port}`]);
    const query = await p.registerWithAuth(PASSWORD, { contact: null });
    expect(query.final?.status).toBe(200);
    expect(listedBindings(query.final!)).toEqual([{ uri: `sip:1020@127.0.5.1:${p.local.port}`, expires: expect.any(Number) }]);
    expect(listedBindings(query.final!)[0].expires).toBeGreaterThan(500);
  });
});
