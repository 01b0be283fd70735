import { cdrPeriod } from './date-range';

describe('cdrPeriod', () => {
  const berlin = 'Europe/Berlin';

  it.each([
    ['one local day', '2026-12-03', '2026-12-03', '2026-12-02T23:00:00.000Z', '2026-12-03T23:00:00.000Z'],
    ['a month', '2026-11-01', '2026-11-30', '2026-10-31T23:00:00.000Z', '2026-11-30T23:00:00.000Z'],
    [
      'the autumn DST day (25 hours)',
      '2026-10-25',
      '2026-10-25',
      '2026-10-24T22:00:00.000Z',
      '2026-10-25T23:00:00.000Z',
    ],
    [
      'the spring DST day (23 hours)',
      '2026-03-29',
      '2026-03-29',
      '2026-03-28T23:00:00.000Z',
      '2026-03-29T22:00:00.000Z',
    ],
    ['a year end', '2026-12-31', '2026-12-31', '2026-12-30T23:00:00.000Z', '2026-12-31T23:00:00.000Z'],
    [
      'timestamps with Z, as given',
      '2026-12-03T08:00:00Z',
      '2026-12-03T09:30:00.000Z',
      '2026-12-03T08:00:00.000Z',
      '2026-12-03T09:30:00.000Z',
    ],
    [
      'timestamps with an offset, as given',
      '2026-12-03T08:00:00+01:00',
      '2026-12-03T09:00:00-05:00',
      '2026-12-03T07:00:00.000Z',
      '2026-12-03T14:00:00.000Z',
    ],
  ])('covers %s', (_what, from, to, gte, lt) => {
    const period = cdrPeriod({ from, to }, berlin);
    expect(period.gte?.toISOString()).toBe(gte);
    expect(period.lt?.toISOString()).toBe(lt);
  });

  it('leaves an open end open', () => {
    expect(cdrPeriod({ from: '2026-12-03' }, berlin)).toEqual({ gte: new Date('2026-12-02T23:00:00.000Z') });
    expect(cdrPeriod({ to: '2026-12-03' }, berlin)).toEqual({ lt: new Date('2026-12-03T23:00:00.000Z') });
    expect(cdrPeriod({}, berlin)).toEqual({});
  });

  it('refuses a period that ends before it starts, naming "to"', () => {
    expect(() => cdrPeriod({ from: '2026-12-04', to: '2026-12-03' }, berlin)).toThrow(
      expect.objectContaining({
        status: 422,
        invalidParams: [{ name: 'to', reason: expect.stringContaining('from') }],
      }),
    );
  });

  it('accepts a single-day period given with from and to on the same date', () => {
    expect(() => cdrPeriod({ from: '2026-12-03', to: '2026-12-03' }, berlin)).not.toThrow();
  });

  it('refuses a text that is neither a date nor a timestamp, naming the parameter', () => {
    expect(() => cdrPeriod({ from: 'yesterday' }, berlin)).toThrow(
      expect.objectContaining({ status: 422, invalidParams: [{ name: 'from', reason: expect.any(String) }] }),
    );
  });
});
