import { RateTable } from './rate-table';

const d = (iso: string) => new Date(iso);
const rates = [
  { prefix: '49', validFrom: d('2026-01-01T00:00:00Z'), price: 'DE-old' },
  { prefix: '49', validFrom: d('2026-12-01T00:00:00Z'), price: 'DE-new' },
  { prefix: '4930', validFrom: d('2026-01-01T00:00:00Z'), price: 'Berlin' },
  { prefix: '491', validFrom: d('2026-01-01T00:00:00Z'), price: 'DE-mobile' },
  { prefix: '4915', validFrom: d('2027-01-01T00:00:00Z'), price: 'DE-mobile-15-from-2027' },
  { prefix: '1', validFrom: d('2026-01-01T00:00:00Z'), price: 'NANP' },
];

describe('RateTable', () => {
  const table = new RateTable(rates);
  const now = d('2026-11-25T12:00:00Z');

  it.each`
    number              | at                              | price
    ${'+4930123456'}    | ${now}                          | ${'Berlin'}
    ${'4930123456'}     | ${now}                          | ${'Berlin'}
    ${'+4940123456'}    | ${now}                          | ${'DE-old'}
    ${'+4940123456'}    | ${d('2026-12-01T00:00:00Z')}    | ${'DE-new'}
    ${'+491701234567'}  | ${now}                          | ${'DE-mobile'}
    ${'+491511234567'}  | ${now}                          | ${'DE-mobile'}
    ${'+491511234567'}  | ${d('2027-01-02T00:00:00Z')}    | ${'DE-mobile-15-from-2027'}
    ${'+12125551234'}   | ${now}                          | ${'NANP'}
  `('prices $number at $at with $price (longest prefix, newest valid line)', ({ number, at, price }) => {
    expect(table.lookup(number, at)?.price).toBe(price);
  });

  it('finds nothing for a number no prefix covers, nor before any line is valid', () => {
    expect(table.lookup('+33123456789', now)).toBeNull();
    expect(table.lookup('+4930123', d('2025-06-01T00:00:00Z'))).toBeNull();
    expect(table.lookup('not-a-number', now)).toBeNull();
  });

  it('refuses a prefix that is not 1-15 digits', () => {
    expect(() => new RateTable([{ prefix: '+49', validFrom: now }])).toThrow(RangeError);
    expect(() => new RateTable([{ prefix: '', validFrom: now }])).toThrow(RangeError);
  });
});
