import { budgetUsage, monthOf, monthPeriod, monthStart, monthsAround, previousMonth } from './budget';
import { ReportInputError } from './report-input-error';

describe('budget months', () => {
  it.each(['2026-12', '2024-02', '1999-01'])('reads %s as its first day', (m) => {
    expect(monthStart(m)).toBe(`${m}-01`);
  });

  it.each(['2026-13', '2026-00', '2026-1', '2026-12-01', 'Dec 2026', ''])('refuses %p naming the field', (m) => {
    expect(() => monthStart(m)).toThrow(ReportInputError);
    expect(() => monthStart(m, 'month')).toThrow('month: must be a month YYYY-MM');
  });

  it('counts a month in local days: Berlin’s March has 31 days and starts at 23:00 UTC on the last of February', () => {
    const p = monthPeriod('2026-03', 'Europe/Berlin');
    expect([p.from, p.to, p.days]).toEqual(['2026-03-01', '2026-03-31', 31]);
    expect(p.start.toISOString()).toBe('2026-02-28T23:00:00.000Z');
    expect(p.end.toISOString()).toBe('2026-03-31T22:00:00.000Z');
  });

  it.each([
    ['2026-11-30T23:30:00Z', 'Europe/Berlin', '2026-12'],
    ['2026-11-30T23:30:00Z', 'UTC', '2026-11'],
    ['2026-12-01T03:00:00Z', 'America/New_York', '2026-11'],
  ])('puts %s in the month of %s: %s', (instant, zone, month) => {
    expect(monthOf(new Date(instant), zone)).toBe(month);
  });

  it('steps back a month across the year', () => {
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(previousMonth('2026-03')).toBe('2026-02');
  });

  it('knows the months somewhere on earth is in', () => {
    expect(monthsAround(new Date('2026-12-15T12:00:00Z'))).toEqual(['2026-12']);
    expect(monthsAround(new Date('2026-12-31T20:00:00Z'))).toEqual(['2026-12', '2027-01']);
    expect(monthsAround(new Date('2026-12-01T05:00:00Z'))).toEqual(['2026-11', '2026-12']);
  });
});

describe('budgetUsage', () => {
  it.each([
    ['100.00000', '0', 0, []],
    ['100.00000', '79.99999', 80, []],
    ['100.00000', '80.00000', 80, [80]],
    ['100.00000', '99.99999', 100, [80]],
    ['100.00000', '100.00000', 100, [80, 100]],
    ['300.00000', '250.00000', 83.33, [80]],
    ['3.00000', '2.00000', 66.67, []],
    ['0.00003', '0.00001', 33.33, []],
    ['100.00000', '250.50000', 250.5, [80, 100]],
  ])('budget %s, spent %s: %s %% used, crossed %j', (amount, spent, percent, crossed) => {
    expect(budgetUsage(amount, spent, [80, 100])).toEqual({ spent: expect.stringMatching(/^\d+\.\d{5}$/), percentUsed: percent, crossed });
  });

  it('sorts the thresholds it reports and keeps the exact spend', () => {
    expect(budgetUsage('10', '9.5', [100, 50, 90])).toEqual({ spent: '9.50000', percentUsed: 95, crossed: [50, 90] });
  });

  it('refuses a budget of nothing', () => {
    expect(() => budgetUsage('0', '1', [80])).toThrow(RangeError);
  });
});
