import {
  addDays,
  addMonths,
  daysBetween,
  isLocalDate,
  isoWeek,
  isoWeekday,
  lastOfMonth,
  localDateOf,
  localMidnight,
  localTimeToInstant,
  mondayOf,
  monthsBetween,
} from './local-date';

describe('calendar dates', () => {
  it.each([
    ['2026-03-29', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-3-29', false],
    ['2026-03-29T00:00:00Z', false],
    ['yesterday', false],
  ])('%s is a date: %s', (text, ok) => {
    expect(isLocalDate(text)).toBe(ok);
  });

  it.each([
    ['2026-03-28', 1, '2026-03-29'],
    ['2026-03-31', 1, '2026-04-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-03-01', -1, '2028-02-29'],
    ['2026-03-01', -28, '2026-02-01'],
  ])('%s + %i days is %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(n);
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-01', -1, '2026-02-01'],
    ['2026-01-01', -1, '2025-12-01'],
    ['2026-01-01', -12, '2025-01-01'],
    ['2026-11-15', 3, '2027-02-15'],
  ])('%s + %i months is %s', (date, n, expected) => {
    expect(addMonths(date, n)).toBe(expected);
  });

  it.each([
    ['2026-01-15', '2026-03-01', 2],
    ['2025-12-31', '2026-01-01', 1],
    ['2026-03-01', '2026-03-31', 0],
  ])('from %s to %s is %i months', (a, b, n) => {
    expect(monthsBetween(a, b)).toBe(n);
  });

  it.each([
    ['2026-02-10', '2026-02-28'],
    ['2028-02-10', '2028-02-29'],
    ['2026-12-01', '2026-12-31'],
    ['2026-04-30', '2026-04-30'],
  ])('the month of %s ends on %s', (date, last) => {
    expect(lastOfMonth(date)).toBe(last);
  });

  it.each([
    // 2026-03-23 is a Monday; 2026-03-29 (the spring DST Sunday in Europe) ends that week.
    ['2026-03-23', 1, '2026-03-23', '2026-W13'],
    ['2026-03-29', 7, '2026-03-23', '2026-W13'],
    ['2026-03-30', 1, '2026-03-30', '2026-W14'],
    // ISO week-years: the week belongs to the year of its Thursday.
    ['2026-01-01', 4, '2025-12-29', '2026-W01'],
    ['2026-12-31', 4, '2026-12-28', '2026-W53'],
    ['2027-01-01', 5, '2026-12-28', '2026-W53'],
    ['2027-01-04', 1, '2027-01-04', '2027-W01'],
    ['2024-12-30', 1, '2024-12-30', '2025-W01'],
  ])('%s is weekday %i of the week starting %s, %s', (date, weekday, monday, week) => {
    expect(isoWeekday(date)).toBe(weekday);
    expect(mondayOf(date)).toBe(monday);
    expect(isoWeek(date)).toBe(week);
  });

  it('refuses a text that is no calendar date', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });
});

describe('localMidnight', () => {
  it.each([
    ['2026-12-03', 'Europe/Berlin', '2026-12-02T23:00:00.000Z'],
    ['2026-07-01', 'Europe/Berlin', '2026-06-30T22:00:00.000Z'],
    // DST changes at 02:00/03:00 local: the day itself starts with the old offset.
    ['2026-03-29', 'Europe/Berlin', '2026-03-28T23:00:00.000Z'],
    ['2026-03-30', 'Europe/Berlin', '2026-03-29T22:00:00.000Z'],
    ['2026-10-25', 'Europe/Berlin', '2026-10-24T22:00:00.000Z'],
    ['2026-10-26', 'Europe/Berlin', '2026-10-25T23:00:00.000Z'],
    ['2026-03-08', 'America/New_York', '2026-03-08T05:00:00.000Z'],
    ['2026-11-02', 'America/New_York', '2026-11-02T05:00:00.000Z'],
    ['2026-12-03', 'UTC', '2026-12-03T00:00:00.000Z'],
    ['2026-12-03', 'Asia/Kolkata', '2026-12-02T18:30:00.000Z'],
    ['2026-12-03', 'Pacific/Chatham', '2026-12-02T10:15:00.000Z'],
    // Santiago springs forward at local midnight: 00:00 does not exist, the day starts at 01:00.
    ['2026-09-06', 'America/Santiago', '2026-09-06T04:00:00.000Z'],
  ])('starts %s in %s at %s', (date, zone, instant) => {
    expect(localMidnight(date, zone).toISOString()).toBe(instant);
  });
});

describe('localDateOf', () => {
  it.each([
    ['2026-03-28T22:59:59.999Z', 'Europe/Berlin', '2026-03-28'],
    ['2026-03-28T23:00:00.000Z', 'Europe/Berlin', '2026-03-29'],
    ['2026-10-25T22:59:59.000Z', 'Europe/Berlin', '2026-10-25'],
    ['2026-10-25T23:00:00.000Z', 'Europe/Berlin', '2026-10-26'],
    ['2026-12-03T04:59:00.000Z', 'America/New_York', '2026-12-02'],
  ])('%s is on %s in %s', (instant, zone, date) => {
    expect(localDateOf(new Date(instant), zone)).toBe(date);
  });
});

describe('localTimeToInstant', () => {
  it.each([
    ['2026-11-03T09:15:02.000Z', 'Europe/Berlin', '2026-11-03T08:15:02.000Z'],
    ['2026-07-01T12:00:00.250Z', 'Europe/Berlin', '2026-07-01T10:00:00.250Z'],
    ['2026-12-03T00:00:00.000Z', 'UTC', '2026-12-03T00:00:00.000Z'],
    ['2026-12-03T05:30:00.000Z', 'Asia/Kolkata', '2026-12-03T00:00:00.000Z'],
    // 02:30 happens twice when summer time ends: the first (still +02:00) counts.
    ['2026-10-25T02:30:00.000Z', 'Europe/Berlin', '2026-10-25T00:30:00.000Z'],
    ['2026-10-25T03:30:00.000Z', 'Europe/Berlin', '2026-10-25T02:30:00.000Z'],
    // 02:30 never happens when summer time starts: read with the winter offset, it is 03:30 summer time.
    ['2026-03-29T02:30:00.000Z', 'Europe/Berlin', '2026-03-29T01:30:00.000Z'],
    ['2026-03-08T02:30:00.000Z', 'America/New_York', '2026-03-08T07:30:00.000Z'],
  ])('%s on the wall clock of %s is %s', (wall, zone, instant) => {
    expect(localTimeToInstant(Date.parse(wall), zone).toISOString()).toBe(instant);
  });
});
