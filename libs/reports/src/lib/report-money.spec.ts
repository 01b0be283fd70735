import { minorUnits, roundToMinorUnit, subtractAmounts, sumAmounts } from './report-money';

describe('sumAmounts', () => {
  it.each`
    amounts                                  | sum
    ${[]}                                    | ${'0.00000'}
    ${['0.02250', '0.01900', '1.10000']}     | ${'1.14150'}
    ${['0.1', '0.2']}                        | ${'0.30000'}
    ${['0.00001', '0.00001', '0.00001']}     | ${'0.00003'}
    ${['999999999.99999', '0.00001']}        | ${'1000000000.00000'}
  `('adds $amounts exactly to $sum', ({ amounts, sum }) => {
    expect(sumAmounts(amounts)).toBe(sum);
  });

  it('subtracts exactly', () => {
    expect(subtractAmounts('0.30000', '0.10001')).toBe('0.19999');
    expect(subtractAmounts('0.1', '0.3')).toBe('-0.20000');
  });
});

describe('roundToMinorUnit', () => {
  it.each`
    amount          | currency | rounded
    ${'12.34500'}   | ${'EUR'} | ${'12.35'}
    ${'12.34499'}   | ${'EUR'} | ${'12.34'}
    ${'0.00500'}    | ${'EUR'} | ${'0.01'}
    ${'0.00499'}    | ${'EUR'} | ${'0.00'}
    ${'-0.00500'}   | ${'EUR'} | ${'-0.01'}
    ${'0.00000'}    | ${'USD'} | ${'0.00'}
    ${'1234.50000'} | ${'JPY'} | ${'1235'}
    ${'1.23450'}    | ${'KWD'} | ${'1.235'}
    ${'1.23449'}    | ${'BHD'} | ${'1.234'}
  `('rounds $amount $currency once, half away from zero, to $rounded', ({ amount, currency, rounded }) => {
    expect(roundToMinorUnit(amount, currency)).toBe(rounded);
  });

  it.each([
    ['EUR', 2],
    ['CHF', 2],
    ['JPY', 0],
    ['KWD', 3],
  ])('%s has %i decimal places', (currency, places) => {
    expect(minorUnits(currency)).toBe(places);
  });
});

describe('the report rounding rule', () => {
  // Per-row figures as Postgres sums them: each row is the exact sum of its calls.
  const rows = ['0.00500', '0.00500', '0.00500', '12.34449', '7.10001'];

  it('makes the totals equal the sum of the rows exactly, and so to the cent', () => {
    expect(sumAmounts(rows)).toBe('19.45950');
  });

  it('rounds the total once, from the exact sum', () => {
    expect(roundToMinorUnit(sumAmounts(rows), 'EUR')).toBe('19.46');
  });

  it('does not round rows, because rounded rows need not add up to the rounded total', () => {
    const roundedRows = rows.map((r) => roundToMinorUnit(r, 'EUR'));
    expect(roundedRows).toEqual(['0.01', '0.01', '0.01', '12.34', '7.10']);
    expect(sumAmounts(roundedRows)).toBe('19.47000');
    expect(roundToMinorUnit(sumAmounts(rows), 'EUR')).not.toBe('19.47');
  });
});
