import { LocalLoginCounters, type AttemptKeys } from './login-throttle-local';

const limits = { windowSeconds: 60, accountLimit: 3, addressLimit: 5, lockoutSeconds: 10 };
const keys = (email: string, address = '203.0.113.1'): AttemptKeys => [`fa:${email}`, `la:${email}`, `fd:${address}`, `ld:${address}`];
const ADMITTED = [-2, -2, 0, 0];

/** One sequential attempt: admitted and settled, or refused. */
function attempt(c: LocalLoginCounters, k: AttemptKeys, ok: boolean, now: number) {
  const a = c.admit(k, now);
  if (a[0] !== -2 || a[1] !== -2) return { refused: a };
  return { settled: c.settle(k, ok, now) };
}

describe('LocalLoginCounters (the fallback while Redis is unreachable)', () => {
  it('locks an account at its limit of failures and refuses it for the lockout', () => {
    const c = new LocalLoginCounters(limits);
    expect([1, 2, 3].map((i) => attempt(c, keys('a'), false, i))).toEqual([{ settled: [0, 0] }, { settled: [0, 0] }, { settled: [1, 0] }]);
    expect(c.admit(keys('a'), 4)).toEqual([9_999, -2, 0, 0]);
    expect(c.admit(keys('a'), 3 + 10_000)).toEqual(ADMITTED);
  });

  it('forgets an account\'s failures on success but keeps the address\'s', () => {
    const c = new LocalLoginCounters(limits);
    attempt(c, keys('a'), false, 1);
    attempt(c, keys('a'), false, 2);
    expect(attempt(c, keys('a'), true, 3)).toEqual({ settled: [0, 0] });
    attempt(c, keys('a'), false, 4);
    attempt(c, keys('a'), false, 5);
    expect(attempt(c, keys('b'), false, 6)).toEqual({ settled: [0, 1] });
    expect(c.admit(keys('c'), 7)[1]).toBeGreaterThan(0);
  });

  it('refuses an attempt while the limit is taken by attempts in flight, and counts no refused one', () => {
    const c = new LocalLoginCounters(limits);
    for (let i = 0; i < 3; i++) expect(c.admit(keys('a'), 1)).toEqual(ADMITTED);
    expect(c.admit(keys('a'), 1)).toEqual([10_000, -2, 1, 0]);
    expect(c.admit(keys('b'), 1)).toEqual(ADMITTED);
    expect(c.admit(keys('c'), 1)).toEqual(ADMITTED);
    expect(c.admit(keys('d'), 1)).toEqual([-2, 10_000, 0, 1]);
  });

  it('starts counting afresh when the window has passed', () => {
    const c = new LocalLoginCounters(limits);
    attempt(c, keys('a'), false, 0);
    attempt(c, keys('a'), false, 1);
    expect(attempt(c, keys('a'), false, 60_001)).toEqual({ settled: [0, 0] });
  });
});
