import { divideRoundHalfUp, formatCents, formatMoney, parseMoney, MoneyFormatError } from './money';

describe('money', () => {
  it.each([
    ['0.0123', 1230n],
    ['12', 1_200_000n],
    ['0.01230', 1230n],
    ['1.5', 150_000n],
    ['0.00001', 1n],
    ['-0.5', -50_000n],
    ['3.1400000', 314_000n],
  ])('parses %p exactly', (text, units) => {
    expect(parseMoney(text)).toBe(units);
  });

  it.each(['', 'abc', '1.234567', '1e-5', '1,5', '.5', '0x10'])('refuses %p', (text) => {
    expect(() => parseMoney(text)).toThrow(MoneyFormatError);
  });

  it.each([
    [0n, '0.00000'],
    [1n, '0.00001'],
    [1_251n, '0.01251'],
    [647_000n, '6.47000'],
    [-50_000n, '-0.50000'],
  ])('formats %p as %p', (units, text) => {
    expect(formatMoney(units)).toBe(text);
  });

  it.each([
    [10_400n, '0.10'],
    [500n, '0.01'],
    [499n, '0.00'],
    [199_499n, '1.99'],
    [199_500n, '2.00'],
    [-500n, '-0.01'],
  ])('rounds %p half-up to cents: %p', (units, cents) => {
    expect(formatCents(units)).toBe(cents);
  });

  it.each([
    [1n, 2n, 1n],
    [3n, 2n, 2n],
    [1n, 3n, 0n],
    [2n, 3n, 1n],
    [-1n, 2n, -1n],
    [75_030n, 60n, 1_251n],
  ])('divides %p / %p rounding half away from zero to %p', (n, d, q) => {
    expect(divideRoundHalfUp(n, d)).toBe(q);
  });

  it('refuses a zero or negative denominator', () => {
    expect(() => divideRoundHalfUp(1n, 0n)).toThrow(RangeError);
  });
});
