import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { testRedisUrl } from '@branchline/testing';
import type { LockoutPolicy } from './lockout-policy';
import { SipDefence, type Attempt } from './sip-defence';
import { SipDefenceKeys } from './sip-defence-keys';

const policy: LockoutPolicy = {
  userSourceThreshold: 3,
  sourceThreshold: 6,
  userThreshold: 3,
  windowSeconds: 300,
  lockoutSeconds: 900,
  trustSeconds: 3600,
  slowdownIntervalMs: 60_000,
};

/** The defence's counting against the real Redis, each test on users and addresses of its own. */
describe('SipDefence (real Redis)', () => {
  let redis: Redis;
  let keys: SipDefenceKeys;
  const prefix = `t:${randomBytes(4).toString('hex')}:`;
  const newDefence = () => new SipDefence(redis, keys, policy);

  beforeAll(() => {
    redis = new Redis(testRedisUrl());
    keys = new SipDefenceKeys(prefix);
  });
  afterAll(async () => {
    const found = await redis.keys(`${prefix}*`);
    if (found.length) await redis.del(...found);
    redis.disconnect();
  });

  /** One attempt through the defence: admitted, then failed (wrong password) or succeeded. */
  async function attempt(d: SipDefence, a: Attempt, right: boolean) {
    const now = Date.now();
    const admission = await d.admit(a, now);
    if (admission.verdict.kind !== 'check') return { verdict: admission.verdict.kind, notices: admission.notices };
    if (right) {
      await d.succeeded(a, admission.ticket);
      await d.trust(a, admission.ticket);
      return { verdict: 'ok', notices: admission.notices };
    }
    const f = await d.failed(a, admission.ticket, now);
    return { verdict: f.lock ? `locked:${f.lock}` : 'failed', notices: [...admission.notices, ...f.notices] };
  }

  it('locks a user out at one source at the threshold, and only there', async () => {
    const d = newDefence();
    const a = { source: '10.1.0.1', realm: 'a.test', user: '1001' };
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push((await attempt(d, a, false)).verdict);
    expect(verdicts).toEqual(['failed', 'failed', 'locked:user-source', 'refuse']);
    expect(await redis.get(keys.failuresByUserSource('a.test', '1001', '10.1.0.1'))).toBe('3');
    expect(await redis.ttl(keys.lockUserSource('a.test', '1001', '10.1.0.1'))).toBeGreaterThan(890);
    // known here now: refused without asking Redis
    expect(d.knownLock('10.1.0.1', 'a.test', '1001', Date.now())).toBe('user-source');
    expect(d.knownLock('10.1.0.1', 'a.test', '1002', Date.now())).toBeNull();
    // the same user from elsewhere, never failed, is slowed down (the user met its threshold) but checked
    expect((await attempt(d, { ...a, source: '10.1.0.2' }, true)).verdict).toBe('ok');
    // another user from the locked address is not locked
    expect((await attempt(d, { ...a, user: '1002' }, true)).verdict).toBe('ok');
  });

  it('locks a source out after failures across users, each under its own threshold', async () => {
    const d = newDefence();
    const verdicts = [];
    for (let i = 0; i < 6; i++) verdicts.push((await attempt(d, { source: '10.2.0.1', realm: 'a.test', user: `20${i}` }, false)).verdict);
    expect(verdicts).toEqual(['failed', 'failed', 'failed', 'failed', 'failed', 'locked:source']);
    expect(d.knownLock('10.2.0.1', 'b.test', null, Date.now())).toBe('source');
  });

  it('checks no more than the threshold of parallel guesses from one source: the rest are refused uncounted', async () => {
    const d = newDefence();
    const a = { source: '10.3.0.1', realm: 'a.test', user: '3001' };
    const admissions = await Promise.all(Array.from({ length: 20 }, () => d.admit(a, Date.now())));
    const checked = admissions.filter((x) => x.verdict.kind === 'check');
    expect(checked).toHaveLength(3);
    expect(admissions.filter((x) => x.verdict.kind === 'refuse')).toHaveLength(17);
    expect(await redis.get(keys.failuresByUserSource('a.test', '3001', '10.3.0.1'))).toBe('3');
    expect(await redis.exists(keys.lockUserSource('a.test', '3001', '10.3.0.1'))).toBe(1);
    // the three checked ones fail after the lock fell: still the user's failures, which slow it down
    const failures = await Promise.all(checked.map((x) => d.failed(a, x.ticket, Date.now())));
    expect(failures.map((f) => f.lock)).toEqual(['user-source', 'user-source', 'user-source']);
    expect(await redis.exists(keys.slowdown('a.test', '3001'))).toBe(1);
    expect(failures.flatMap((f) => f.notices).map((n) => n.reason)).toEqual(['user-slowdown']);
  });

  it('lets a whole office behind one address register at once: right passwords are never the source\'s failures', async () => {
    const d = newDefence();
    const office = Array.from({ length: 50 }, (_, i) => ({ source: '10.8.0.1', realm: 'a.test', user: `80${String(i).padStart(2, '0')}` }));
    const admissions = await Promise.all(office.map((a) => d.admit(a, Date.now())));
    expect(admissions.every((x) => x.verdict.kind === 'check')).toBe(true);
    await Promise.all(office.map((a, i) => d.succeeded(a, admissions[i].ticket)));
    expect(await redis.exists(keys.failuresBySource('10.8.0.1'))).toBe(0);
    expect(await redis.exists(keys.lockSource('10.8.0.1'))).toBe(0);
  });

  it('gives a correct attempt back to the counts; an accepted one makes its source trusted for the user', async () => {
    const d = newDefence();
    const a = { source: '10.4.0.1', realm: 'a.test', user: '4001' };
    expect((await attempt(d, a, false)).verdict).toBe('failed');
    expect((await attempt(d, a, true)).verdict).toBe('ok');
    expect(await redis.get(keys.failuresByUserSource('a.test', '4001', '10.4.0.1'))).toBe('1');
    expect(await redis.get(keys.failuresByUser('a.test', '4001'))).toBe('1');
    expect(await redis.ttl(keys.trusted('a.test', '4001', '10.4.0.1'))).toBeGreaterThan(3590);
    // trusted: checked without counting up front
    const admission = await d.admit(a, Date.now());
    expect(admission.ticket.reserved).toBeNull();
    expect(await redis.get(keys.failuresByUser('a.test', '4001'))).toBe('1');
    // a right password that is not accepted (a replayed request) is given back but trusts nothing
    const replay = { ...a, source: '10.4.0.2' };
    await d.succeeded(replay, (await d.admit(replay, Date.now())).ticket);
    expect(await redis.get(keys.failuresByUserSource('a.test', '4001', '10.4.0.2'))).toBe('0');
    expect(await redis.exists(keys.trusted('a.test', '4001', '10.4.0.2'))).toBe(0);
  });

  it('slows a user under attack down for untrusted sources, one check per interval, and not for the trusted one', async () => {
    const d = newDefence();
    const home = { source: '10.5.0.1', realm: 'a.test', user: '5001' };
    expect((await attempt(d, home, true)).verdict).toBe('ok');
    // three addresses, one guess each: no pair reaches its threshold, the user does
    const guesses = [];
    for (const source of ['10.5.0.2', '10.5.0.3', '10.5.0.4']) guesses.push(await attempt(d, { ...home, source }, false));
    expect(guesses.map((g) => g.verdict)).toEqual(['failed', 'failed', 'failed']);
    expect(guesses[2].notices).toEqual([expect.objectContaining({ reason: 'user-slowdown' })]);
    expect(await redis.ttl(keys.slowdown('a.test', '5001'))).toBeGreaterThan(890);

    // the next new address takes the check slot; the one after finds it held and is challenged, uncounted
    expect((await attempt(d, { ...home, source: '10.5.0.5' }, false)).verdict).toBe('failed');
    const before = await redis.get(keys.failuresByUser('a.test', '5001'));
    const held = await d.admit({ ...home, source: '10.5.0.6' }, Date.now());
    expect(held.verdict).toEqual({ kind: 'challenge', delayMs: expect.any(Number) });
    expect(held.verdict.kind === 'challenge' && held.verdict.delayMs).toBeGreaterThan(55_000);
    expect(held.ticket.reserved).toBeNull();
    expect(await redis.get(keys.failuresByUser('a.test', '5001'))).toBe(before);
    expect(await redis.get(keys.failuresByUserSource('a.test', '5001', '10.5.0.6'))).toBe('0');

    // the phone at home is checked at once, as often as it likes
    for (let i = 0; i < 3; i++) expect((await attempt(d, home, true)).verdict).toBe('ok');
    // once the slot frees, the new address gets its check (and, right, its trust)
    await redis.del(keys.checkSlot('a.test', '5001'));
    expect((await attempt(d, { ...home, source: '10.5.0.6' }, true)).verdict).toBe('ok');
    expect((await attempt(d, { ...home, source: '10.5.0.6' }, true)).verdict).toBe('ok');
  });

  it('applies a lock another process set, and a lock set by hand without expiry, announcing each once per process', async () => {
    const d = newDefence();
    await redis.set(keys.lockSource('10.6.0.1'), '1', 'EX', 120);
    await redis.set(keys.lockSource('10.6.0.2'), '1');
    const a = { source: '10.6.0.1', realm: 'a.test', user: '6001' };
    const first = await d.admit(a, Date.now());
    expect(first.verdict).toEqual({ kind: 'refuse', lock: 'source' });
    expect(first.notices).toEqual([{ reason: 'source-lockout', untilMs: expect.any(Number) }]);
    expect(first.notices[0].untilMs).toBeLessThanOrEqual(Date.now() + 120_000);
    expect((await d.admit(a, Date.now())).notices).toEqual([]);
    // another process has not met it yet: it announces it too
    expect((await newDefence().admit(a, Date.now())).notices).toHaveLength(1);
    expect((await d.admit({ ...a, source: '10.6.0.2' }, Date.now())).verdict).toEqual({ kind: 'refuse', lock: 'source' });
    // nothing was counted for refused attempts
    expect(await redis.exists(keys.failuresBySource('10.6.0.1'))).toBe(0);
  });

  it('reports a lock a failure raced into without counting it', async () => {
    const d = newDefence();
    const a = { source: '10.7.0.1', realm: 'a.test', user: '7001' };
    expect((await attempt(d, a, true)).verdict).toBe('ok'); // trusted: its failures are counted after the check
    const admission = await d.admit(a, Date.now());
    await redis.set(keys.lockSource('10.7.0.1'), '1', 'EX', 60);
    const f = await d.failed(a, admission.ticket, Date.now());
    expect(f.lock).toBe('source');
    expect(await redis.exists(keys.failuresBySource('10.7.0.1'))).toBe(0);
  });
});
