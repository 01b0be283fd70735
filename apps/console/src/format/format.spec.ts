import { createFormatters, daysFrom, localDay, monthEnd, monthStart } from './format';

describe('formatters', () => {
  const de = createFormatters('de-DE', 'EUR', 'Europe/Berlin');
  const en = createFormatters('en-GB', 'EUR', 'Europe/Berlin');

  it.each([
    ['0.82838', '0,82838 €', '€0.82838'],
    ['50.00000', '50,00 €', '€50.00'],
    ['1234.50000', '1.234,50 €', '€1,234.50'],
    ['-0.02250', '-0,0225 €', '-€0.0225'],
  ])('shows %s exactly, in the locale and the tenant currency', (amount, german, english) => {
    expect(de.money(amount).replace(/\u00a0/g, ' ')).toBe(german);
    expect(en.money(amount)).toBe(english);
  });

  it('keeps all five places of an amount a float would round', () => {
    expect(en.money('12345678.12345')).toBe('€12,345,678.12345');
  });

  it('shows times in the tenant zone, across daylight saving', () => {
    expect(en.dateTime('2026-03-29T00:30:00Z')).toBe('29 Mar 2026, 01:30:00');
    expect(en.dateTime('2026-03-29T01:30:00Z')).toBe('29 Mar 2026, 03:30:00');
    expect(de.dateTime('2026-12-03T23:30:00Z')).toBe('04.12.2026, 00:30:00');
  });

  it('shows calendar days without shifting them, and durations as h:mm:ss', () => {
    expect(de.day('2026-11-01')).toBe('01.11.2026');
    expect(en.duration(3725)).toBe('1:02:05');
    expect(en.percent(12.5)).toBe('+12.5%');
    expect(en.percent(null)).toBe('–');
  });

  it('counts the local day in the given zone', () => {
    const justAfterBerlinMidnight = new Date('2026-12-03T23:30:00Z');
    expect(localDay(justAfterBerlinMidnight, 'Europe/Berlin')).toBe('2026-12-04');
    expect(localDay(justAfterBerlinMidnight, 'UTC')).toBe('2026-12-03');
    expect(monthStart('2026-12-04')).toBe('2026-12-01');
    expect(monthEnd('2026-02-10')).toBe('2026-02-28');
    expect(monthEnd('2028-02-10')).toBe('2028-02-29');
    expect(daysFrom('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(daysFrom('2026-03-02', '2026-03-01')).toEqual([]);
  });
});
