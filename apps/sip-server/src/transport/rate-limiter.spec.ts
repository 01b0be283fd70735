import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows a burst then refuses until tokens refill', () => {
    let now = 0;
    const rl = new RateLimiter(10, 3, () => now);
    expect([rl.allow('a'), rl.allow('a'), rl.allow('a'), rl.allow('a')]).toEqual([true, true, true, false]);
    now += 100; // one token at 10/s
    expect(rl.allow('a')).toBe(true);
    expect(rl.allow('a')).toBe(false);
  });

  it('keeps separate buckets per source', () => {
    const rl = new RateLimiter(1, 1, () => 0);
    expect(rl.allow('a')).toBe(true);
    expect(rl.allow('a')).toBe(false);
    expect(rl.allow('b')).toBe(true);
  });

  it('forgets idle sources so memory stays bounded', () => {
    let now = 0;
    const rl = new RateLimiter(100, 5, () => now);
    for (let i = 0; i < 50; i++) rl.allow(`10.0.0.${i}`);
    now += 120_000;
    rl.allow('x');
    expect(rl.size).toBe(1);
  });

  it('is disabled by a zero rate', () => {
    const rl = new RateLimiter(0, 0);
    expect(rl.allow('a')).toBe(true);
  });
});
