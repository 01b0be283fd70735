import { bucketEnd, bucketLabel, bucketOrdinal, bucketStart, MAX_PERIOD_DAYS, previousPeriod, reportPeriod, wholeMonths } from './period';
import { ReportInputError } from './report-input-error';

const BERLIN = 'Europe/Berlin';

describe('reportPeriod', () => {
  it.each`
    what                                  | from            | to              | days   | start                         | end                           | hours
    ${'one winter day'}                   | ${'2026-12-03'} | ${'2026-12-03'} | ${1}   | ${'2026-12-02T23:00:00.000Z'} | ${'2026-12-03T23:00:00.000Z'} | ${24}
    ${'the spring DST day (23 hours)'}    | ${'2026-03-29'} | ${'2026-03-29'} | ${1}   | ${'2026-03-28T23:00:00.000Z'} | ${'2026-03-29T22:00:00.000Z'} | ${23}
    ${'the autumn DST day (25 hours)'}    | ${'2026-10-25'} | ${'2026-10-25'} | ${1}   | ${'2026-10-24T22:00:00.000Z'} | ${'2026-10-25T23:00:00.000Z'} | ${25}
    ${'March, with the spring change'}    | ${'2026-03-01'} | ${'2026-03-31'} | ${31}  | ${'2026-02-28T23:00:00.000Z'} | ${'2026-03-31T22:00:00.000Z'} | ${743}
    ${'October, with the autumn change'}  | ${'2026-10-01'} | ${'2026-10-31'} | ${31}  | ${'2026-09-30T22:00:00.000Z'} | ${'2026-10-31T23:00:00.000Z'} | ${745}
    ${'a whole year'}                     | ${'2026-01-01'} | ${'2026-12-31'} | ${365} | ${'2025-12-31T23:00:00.000Z'} | ${'2026-12-31T23:00:00.000Z'} | ${8760}
  `('covers $what from local midnight to local midnight', ({ from, to, days, start, end, hours }) => {
    const p = reportPeriod(from, to, BERLIN);
    expect(p).toMatchObject({ from, to, days, timeZone: BERLIN });
    expect(p.start.toISOString()).toBe(start);
    expect(p.end.toISOString()).toBe(end);
    expect((p.end.getTime() - p.start.getTime()) / 3_600_000).toBe(hours);
  });

  it('counts the same dates in another zone from that zone\'s midnight', () => {
    const p = reportPeriod('2026-12-03', '2026-12-03', 'America/New_York');
    expect([p.start.toISOString(), p.end.toISOString()]).toEqual(['2026-12-03T05:00:00.000Z', '2026-12-04T05:00:00.000Z']);
  });

  it.each`
    from            | to              | field     | reason
    ${'2026-02-30'} | ${'2026-03-01'} | ${'from'} | ${'calendar date'}
    ${'2026-03-01'} | ${'tomorrow'}   | ${'to'}   | ${'calendar date'}
    ${'2026-03-02'} | ${'2026-03-01'} | ${'to'}   | ${'before from'}
    ${'2023-01-01'} | ${'2026-01-01'} | ${'to'}   | ${'at most 1096 days'}
  `('refuses $from..$to naming $field', ({ from, to, field, reason }) => {
    let error: unknown;
    try {
      reportPeriod(from, to, BERLIN);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReportInputError);
    expect(error).toMatchObject({ field, reason: expect.stringContaining(reason) });
  });

  it('accepts exactly three years, leap day included', () => {
    expect(MAX_PERIOD_DAYS).toBe(1096);
    expect(reportPeriod('2026-01-01', '2028-12-31', BERLIN).days).toBe(1096);
  });
});

describe('previousPeriod', () => {
  it.each`
    what                                   | from            | to              | prevFrom        | prevTo
    ${'a calendar month: the month before'} | ${'2026-03-01'} | ${'2026-03-31'} | ${'2026-02-01'} | ${'2026-02-28'}
    ${'February: January (31 days)'}       | ${'2026-02-01'} | ${'2026-02-28'} | ${'2026-01-01'} | ${'2026-01-31'}
    ${'January: December of the year before'} | ${'2026-01-01'} | ${'2026-01-31'} | ${'2025-12-01'} | ${'2025-12-31'}
    ${'a leap February'}                    | ${'2028-03-01'} | ${'2028-03-31'} | ${'2028-02-01'} | ${'2028-02-29'}
    ${'a quarter: the quarter before'}     | ${'2026-04-01'} | ${'2026-06-30'} | ${'2026-01-01'} | ${'2026-03-31'}
    ${'a year: the year before'}           | ${'2026-01-01'} | ${'2026-12-31'} | ${'2025-01-01'} | ${'2025-12-31'}
    ${'one day: the day before'}           | ${'2026-03-29'} | ${'2026-03-29'} | ${'2026-03-28'} | ${'2026-03-28'}
    ${'a week: the seven days before'}     | ${'2026-03-23'} | ${'2026-03-29'} | ${'2026-03-16'} | ${'2026-03-22'}
    ${'part of a month: as many days before'} | ${'2026-03-10'} | ${'2026-03-31'} | ${'2026-02-16'} | ${'2026-03-09'}
    ${'a month from the 15th: 31 days before'} | ${'2026-03-15'} | ${'2026-04-14'} | ${'2026-02-12'} | ${'2026-03-14'}
  `('compares $what', ({ from, to, prevFrom, prevTo }) => {
    expect(previousPeriod({ from, to })).toEqual({ from: prevFrom, to: prevTo });
  });

  it.each`
    from            | to              | months
    ${'2026-03-01'} | ${'2026-03-31'} | ${1}
    ${'2026-01-01'} | ${'2026-12-31'} | ${12}
    ${'2026-03-01'} | ${'2026-03-30'} | ${null}
    ${'2026-03-02'} | ${'2026-03-31'} | ${null}
  `('$from..$to is $months whole months', ({ from, to, months }) => {
    expect(wholeMonths(from, to)).toBe(months);
  });
});

describe('time buckets', () => {
  it.each`
    date            | bucket     | start           | end             | label
    ${'2026-03-29'} | ${'day'}   | ${'2026-03-29'} | ${'2026-03-29'} | ${'2026-03-29'}
    ${'2026-03-29'} | ${'week'}  | ${'2026-03-23'} | ${'2026-03-29'} | ${'2026-W13'}
    ${'2026-03-30'} | ${'week'}  | ${'2026-03-30'} | ${'2026-04-05'} | ${'2026-W14'}
    ${'2027-01-01'} | ${'week'}  | ${'2026-12-28'} | ${'2027-01-03'} | ${'2026-W53'}
    ${'2026-03-29'} | ${'month'} | ${'2026-03-01'} | ${'2026-03-31'} | ${'2026-03'}
    ${'2028-02-10'} | ${'month'} | ${'2028-02-01'} | ${'2028-02-29'} | ${'2028-02'}
  `('$date is in the $bucket $label ($start..$end)', ({ date, bucket, start, end, label }) => {
    expect(bucketStart(date, bucket)).toBe(start);
    expect(bucketEnd(date, bucket)).toBe(end);
    expect(bucketLabel(date, bucket)).toBe(label);
  });

  it.each`
    periodFrom      | date            | bucket     | ordinal
    ${'2026-03-01'} | ${'2026-03-01'} | ${'day'}   | ${0}
    ${'2026-03-01'} | ${'2026-03-31'} | ${'day'}   | ${30}
    ${'2026-03-01'} | ${'2026-03-01'} | ${'week'}  | ${0}
    ${'2026-03-01'} | ${'2026-03-02'} | ${'week'}  | ${1}
    ${'2026-03-01'} | ${'2026-03-29'} | ${'week'}  | ${4}
    ${'2026-01-01'} | ${'2026-03-15'} | ${'month'} | ${2}
  `('$date is $bucket number $ordinal of a period from $periodFrom', ({ periodFrom, date, bucket, ordinal }) => {
    expect(bucketOrdinal(periodFrom, date, bucket)).toBe(ordinal);
  });
});
