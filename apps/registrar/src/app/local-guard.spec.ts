import { SourceRate } from './local-guard';

describe('SourceRate', () => {
  it('allows `perSecond` REGISTERs per source in a second, then refuses, per source', () => {
    const rate = new SourceRate(3);
    const t = 1_700_000_000_000;
    expect([1, 2, 3, 4].map(() => rate.take('10.0.0.1', t + 10))).toEqual([true, true, true, false]);
    expect(rate.take('10.0.0.2', t + 20)).toBe(true);
    expect(rate.take('10.0.0.1', t + 999)).toBe(false);
  });

  it('starts every count again in the next second', () => {
    const rate = new SourceRate(1);
    const t = 1_700_000_000_000;
    expect(rate.take('10.0.0.1', t)).toBe(true);
    expect(rate.take('10.0.0.1', t + 500)).toBe(false);
    expect(rate.take('10.0.0.1', t + 1000)).toBe(true);
    expect(rate.take('10.0.0.1', t + 1001)).toBe(false);
  });
});
