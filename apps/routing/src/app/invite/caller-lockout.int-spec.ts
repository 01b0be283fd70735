import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Events, type CallStartedEvent, type CallerBlockedEvent, type RegistrationBlockedEvent } from '@branchline/contracts';
import {
  SipPhone,
  captureRedisEvents,
  freePort,
  parseChallenge,
  registerPhones,
  sipvicious,
  sipviciousLocalAddress,
  sipviciousTable,
  startSippUas,
  startUdpTap,
  svcrackGuesses,
  waitFor,
  waitForUdpBound,
  type CapturedEvent,
} from '@branchline/testing';
import { InvitePhone } from '../../testing/invite-phone';
import { createTenant, startRouting, type RoutingHarness } from '../../testing/routing-harness';

const DOMAIN = 'lockout.test';
const PASSWORD = 'Phone-Secret-2026!';
const THRESHOLD = 4;
/** An extension nobody registers: an authenticated call to it ends 480, which proves it got past authentication. */
const NOBODY = '1009';

/**
 * Password guessing through INVITE (toll fraud) meets the same defence as
 * through REGISTER: the same counters in Redis and the same thresholds, so a
 * lock met on either path holds on both; and the defence cannot be turned
 * against the phone that owns the extension. sip-server, registrar and routing
 * as in production; svcrack and hand-driven phones from their own 127.x
 * addresses.
 */
describe('brute-force defence on INVITE, shared with REGISTER', () => {
  let h: RoutingHarness;
  let captured: { events: CapturedEvent[]; close(): Promise<void> };

  beforeAll(async () => {
    h = await startRouting('caller-lockout', { LOCKOUT_THRESHOLD: String(THRESHOLD), LOCKOUT_SOURCE_THRESHOLD: String(THRESHOLD * 3), LOCKOUT_SLOWDOWN_INTERVAL_SECONDS: '1' });
    const phones = Array.from({ length: 10 }, (_, i) => ({ number: String(1000 + i) }));
    await createTenant(h, DOMAIN, [{ name: 'Berlin', code: 'BER', areaCode: '30', costCentre: 'CC-BER', range: [1000, 1999], phones }], PASSWORD);
    captured = await captureRedisEvents([Events.CallerBlocked, Events.RegistrationBlocked, Events.CallStarted]);
  }, 120_000);
  afterAll(async () => {
    await captured?.close();
    await h?.close();
  });

  const callerBlocked = (source: string) =>
    captured.events.filter((e) => e.pattern === Events.CallerBlocked).map((e) => e.data as CallerBlockedEvent).filter((b) => b.source === source && b.realm === DOMAIN);
  const registrationBlocked = (source: string) =>
    captured.events.filter((e) => e.pattern === Events.RegistrationBlocked).map((e) => e.data as RegistrationBlockedEvent).filter((b) => b.source === source && b.realm === DOMAIN);
  const key = (k: string) => `${h.config.REDIS_PREFIX}${k}`;

  const opened: Array<{ close(): void }> = [];
  afterEach(() => opened.splice(0).forEach((p) => p.close()));
  const invitePhone = async (source: string) => {
    const p = await InvitePhone.open(h.sip.sipPort, source);
    opened.push(p);
    return p;
  };
  const registerPhone = async (user: string, source: string) => {
    const p = await SipPhone.open(user, DOMAIN, { host: '127.0.0.1', port: h.sip.sipPort }, source);
    opened.push(p);
    return p;
  };
  const call = (p: InvitePhone, from: string, password: string, to = NOBODY) => p.inviteWithAuth({ from, to, domain: DOMAIN, password });

  it('stops svcrack -m INVITE at the lockout threshold: the password, late in its dictionary, is refused unchecked', async () => {
    // The number svcrack dials answers, so a guess that got through would be reported as the password.
    const [reg] = await registerPhones(h.sip, [{ user: '1001', domain: DOMAIN, password: PASSWORD, ip: '127.0.5.1' }]);
    expect(reg.code).toBe(0);
    const callee = startSippUas({ scenario: 'uas-basic.xml', ip: '127.0.5.1', localPort: reg.port, calls: 1, timeoutSeconds: 6 });
    await waitForUdpBound(reg.port, '127.0.5.1');

    const dir = mkdtempSync(join(tmpdir(), 'svcrack-invite-'));
    // Many guesses after it, so svcrack does not run out and stop: it answers every challenge it holds
    // with the next word, and it had collected a good few before the lock fell.
    const guesses = [...Array.from({ length: THRESHOLD * 3 }, (_, i) => `guess${i}`), PASSWORD, ...Array.from({ length: 200 }, (_, i) => `after${i}`)];
    writeFileSync(join(dir, 'dict.txt'), guesses.join('\n') + '\n');
    const source = '127.0.0.1'; // svcrack sends from the loopback's main address, as does the tap in front of sip-server
    const tap = await startUdpTap({ host: '127.0.0.1', port: h.sip.sipPort });
    const scan = sipvicious('svcrack', [
      '-m', 'INVITE',
      '-u', '1000',
      '--requesturi', `sip:1001@${DOMAIN}`,
      '-d', join(dir, 'dict.txt'),
      '--domain', DOMAIN,
      '-vv',
      ...sipviciousLocalAddress(await freePort()),
      '-p', String(tap.port),
      '127.0.0.1',
    ]);
    const invites = () => tap.sent().filter((m) => m.startsWith('INVITE '));
    // A guess that got in places the call to 1001.
    const placed = () =>
      captured.events.filter((e) => e.pattern === Events.CallStarted).map((e) => e.data as CallStartedEvent).filter((c) => c.callerNumber === '1000' && c.dialedNumber === '1001');
    try {
      await waitFor(() => callerBlocked(source).length > 0 || placed().length > 0, { timeoutMs: 30_000, what: 'caller.blocked (or a call placed with a guessed password)' });
      // Locked out, svcrack gets 403 to its INVITEs before any challenge and has nothing to answer:
      // let it send plenty more before looking at what it got.
      const atLock = invites().length;
      if (!placed().length) await waitFor(() => invites().length >= atLock + 50, { timeoutMs: 30_000, what: 'svcrack to go on sending INVITEs' });
    } finally {
      await scan.stop();
      await tap.close();
    }
    // svcrack answers every challenge it holds, and it collects them faster than guesses are
    // answered: it sends its whole dictionary. Only THRESHOLD of its guesses were checked; every one
    // after them, the password among them, was refused without a look.
    const tried = svcrackGuesses(scan.output());
    expect(tried.length).toBeGreaterThan(THRESHOLD);
    // No guess got in: a right one would have placed the call and trusted the address.
    expect(placed()).toEqual([]);
    expect(sipviciousTable(scan.output()).get('1000')).toBeUndefined();
    expect(scan.output()).not.toMatch(/password for 1000 is/i);
    expect(await h.redis.get(key(`auth:fail:pair:${DOMAIN}:1000:${source}`))).toBe(String(THRESHOLD));
    expect(await h.redis.exists(key(`auth:ok:${DOMAIN}:1000:${source}`))).toBe(0);
    await callee.done;
    // The lock is in the keys the registrar reads too, for the lockout's length, and announced.
    expect(await h.redis.ttl(key(`auth:lock:pair:${DOMAIN}:1000:${source}`))).toBeGreaterThan(h.config.LOCKOUT_SECONDS - 60);
    // Both announcements travel the Redis bus on their own: wait for the second as well.
    await waitFor(() => new Set(callerBlocked(source).map((b) => b.reason)).size >= 2, { timeoutMs: 10_000, what: 'both caller.blocked events' });
    expect(callerBlocked(source)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ event: 'caller.blocked', user: '1000', realm: DOMAIN, reason: 'user-source-lockout' }),
        expect.objectContaining({ event: 'caller.blocked', user: '1000', realm: DOMAIN, reason: 'user-slowdown' }),
      ]),
    );
    // From the attacker's address even the right password is refused before any challenge...
    expect((await call(await invitePhone(source), '1000', PASSWORD)).challenge.status).toBe(403);

    // ...while the extension's owner, elsewhere, still registers and calls.
    const owner = await registerPhone('1000', '127.0.5.2');
    expect((await owner.registerWithAuth(PASSWORD)).final?.status).toBe(200);
    expect((await call(await invitePhone('127.0.5.2'), '1000', PASSWORD)).final?.status).toBe(480);
    // svcrack's run and its waits: seconds alone, several times that on a loaded 2-core CI machine
  }, 120_000);

  it('locks a source out after wrong passwords on INVITE, and the lock holds for its REGISTERs too', async () => {
    const source = '127.0.6.1';
    const attacker = await invitePhone(source);
    for (let i = 0; i < THRESHOLD; i++) {
      const r = await call(attacker, '1002', `guess-${i}`);
      expect([r.challenge.status, r.final?.status]).toEqual([407, 403]);
    }
    // Locked: 403 before any challenge, and even the right password does not get a look.
    expect((await call(attacker, '1002', PASSWORD)).challenge.status).toBe(403);
    // The registrar refuses that source for that user as well, right password or not.
    const register = await (await registerPhone('1002', source)).registerWithAuth(PASSWORD);
    expect(register.final?.status).toBe(403);
    await waitFor(() => callerBlocked(source).length > 0 && registrationBlocked(source).length > 0, { what: 'caller.blocked and registration.blocked' });
    expect(callerBlocked(source)).toContainEqual(expect.objectContaining({ user: '1002', reason: 'user-source-lockout' }));
    expect(registrationBlocked(source)).toContainEqual(expect.objectContaining({ user: '1002', reason: 'user-source-lockout' }));
    // Another extension from that address is not locked (the pair is), nor is 1002 elsewhere.
    expect((await call(attacker, '1003', PASSWORD)).final?.status).toBe(480);
    expect((await call(await invitePhone('127.0.6.2'), '1002', PASSWORD)).final?.status).toBe(480);
  });

  it('locks a source out after wrong passwords on REGISTER, and the lock holds for its INVITEs too', async () => {
    const source = '127.0.7.1';
    const attacker = await registerPhone('1004', source);
    for (let i = 0; i < THRESHOLD; i++) expect((await attacker.registerWithAuth(`guess-${i}`)).final?.status).toBe(403);
    const phone = await invitePhone(source);
    // Routing has not met this lock yet: it challenges, and refuses the answer from Redis...
    expect(await call(phone, '1004', PASSWORD).then((r) => [r.challenge.status, r.final?.status])).toEqual([407, 403]);
    // ...and from then on refuses before challenging.
    expect((await call(phone, '1004', PASSWORD)).challenge.status).toBe(403);
    await waitFor(() => callerBlocked(source).length > 0, { what: 'caller.blocked' });
    expect(callerBlocked(source)).toContainEqual(expect.objectContaining({ user: '1004', reason: 'user-source-lockout' }));
  });

  it('keeps the real phone registering and calling while two other addresses guess its password', async () => {
    const user = '1005';
    const home = '127.0.8.1';
    const owner = await registerPhone(user, home);
    expect((await owner.registerWithAuth(PASSWORD)).final?.status).toBe(200);
    const ownerCalls = await invitePhone(home);

    const attackers = [
      { register: await registerPhone(user, '127.0.8.2'), invite: await invitePhone('127.0.8.2') },
      { register: await registerPhone(user, '127.0.8.3'), invite: await invitePhone('127.0.8.3') },
    ];
    for (let round = 0; round < THRESHOLD; round++) {
      for (const a of attackers) {
        // Guesses on both paths; once the user is under attack some are challenged again (stale) unchecked.
        const reg = await a.register.register();
        if (reg?.status === 401) await a.register.register({ authorization: a.register.authorization(parseChallenge(reg), `reg-guess-${round}`) });
        await call(a.invite, user, `invite-guess-${round}`);
      }
      // The owner keeps going as before, without a refusal.
      expect((await owner.registerWithAuth(PASSWORD)).final?.status).toBe(200);
      expect((await call(ownerCalls, user, PASSWORD)).final?.status).toBe(480);
    }
    // Each attacker ends up locked out on both paths.
    await waitFor(
      async () => {
        const statuses = await Promise.all(attackers.flatMap((a) => [a.register.register().then((r) => r?.status), call(a.invite, user, 'one-more').then((r) => r.challenge.status)]));
        if (statuses.every((s) => s === 403)) return true;
        // Not locked yet: the slowed-down checks let a guess through now and then; keep guessing.
        for (const a of attackers) {
          const reg = await a.register.register();
          if (reg?.status === 401) await a.register.register({ authorization: a.register.authorization(parseChallenge(reg), 'late-guess') });
        }
        return false;
      },
      { timeoutMs: 60_000, intervalMs: 100, what: 'both attacking addresses locked out' },
    );
    expect((await owner.registerWithAuth(PASSWORD)).final?.status).toBe(200);
    expect((await call(ownerCalls, user, PASSWORD)).final?.status).toBe(480);
    expect(await h.redis.pttl(key(`auth:slow:user:${DOMAIN}:${user}`))).toBeGreaterThan(0);
  }, 120_000);
});
