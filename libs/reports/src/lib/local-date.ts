/**
 * Calendar dates as finance writes them ("2026-03-29"), with no time and no
 * zone: a local day wherever the report is counted. Arithmetic runs on day
 * numbers (days since 1970-01-01), so it never meets a DST change; only
 * localMidnight turns a date into an instant, in a named IANA zone.
 */
export type LocalDate = string;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True for an existing calendar date written YYYY-MM-DD (not 2026-02-30). */
export function isLocalDate(value: string): boolean {
  const m = DATE_ONLY.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function dayNumber(date: LocalDate): number {
  const m = DATE_ONLY.exec(date);
  if (!m || !isLocalDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

function fromDayNumber(n: number): LocalDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Whole days from a to b (b − a): daysBetween('2026-03-01', '2026-03-31') is 30. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** The first of the date's month. */
export function firstOfMonth(date: LocalDate): LocalDate {
  dayNumber(date);
  return `${date.slice(0, 8)}01`;
}

/** The last day of the date's month (28-31). */
export function lastOfMonth(date: LocalDate): LocalDate {
  return addDays(addMonths(firstOfMonth(date), 1), -1);
}

/** The same day n months later (or earlier), clamped to the month's last day: 2026-01-31 + 1 → 2026-02-28. */
export function addMonths(date: LocalDate, months: number): LocalDate {
  dayNumber(date);
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(Number(date.slice(8, 10)), lastDay);
  return new Date(Date.UTC(year, month, day)).toISOString().slice(0, 10);
}

/** Whole months from a to b, counting month starts: monthsBetween('2026-01-15', '2026-03-01') is 2. */
export function monthsBetween(a: LocalDate, b: LocalDate): number {
  dayNumber(a);
  dayNumber(b);
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
}

/** ISO 8601 weekday: 1 Monday ... 7 Sunday. */
export function isoWeekday(date: LocalDate): number {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** The Monday that starts the date's ISO week. */
export function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, 1 - isoWeekday(date));
}

/**
 * The ISO week the date is in, as "2026-W13". The week-year is the year of
 * the week's Thursday, so 2026-12-31 is 2026-W53 and 2027-01-01 too.
 */
export function isoWeek(date: LocalDate): string {
  const thursday = addDays(mondayOf(date), 3);
  const year = thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's wall clock at an instant, read as if it were UTC (ms). */
function wallClock(instant: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return Date.UTC(p['year'], p['month'] - 1, p['day'], p['hour'], p['minute'], p['second']);
}

/** UTC offset of the zone at an instant (ms; Berlin in winter: +3,600,000). */
function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallClock(whole, timeZone) - whole;
}

/**
 * The first instant of a local calendar day in an IANA zone. Usually local
 * 00:00; where a DST change skips midnight (e.g. Santiago, 00:00 -> 01:00)
 * the day starts at the change; where midnight happens twice the first one
 * counts.
 */
export function localMidnight(date: LocalDate, timeZone: string): Date {
  const day = dayNumber(date) * DAY_MS;
  // The offset at midnight is one of those around it: try each, keep the
  // earliest instant whose wall clock is already on this day.
  const candidates = [day - DAY_MS, day, day + DAY_MS].map((probe) => day - offsetAt(probe, timeZone));
  const onTheDay = candidates.filter((c) => wallClock(c, timeZone) >= day).sort((a, b) => a - b);
  return new Date(onTheDay[0]);
}

/**
 * The instant a zone's wall clock shows a time, given as that wall-clock
 * reading taken as UTC (ms; `Date.UTC(...)` of the local fields). Where DST
 * repeats an hour (Berlin, 25 October 2026, 02:00-03:00) the earlier instant
 * counts; where it skips one (29 March 2026, 02:00-03:00) the time is read
 * with the offset before the change, so 02:30 is 03:30 summer time.
 */
export function localTimeToInstant(wall: number, timeZone: string): Date {
  const before = wall - offsetAt(wall - DAY_MS, timeZone);
  const after = wall - offsetAt(wall + DAY_MS, timeZone);
  const shown = [before, after].filter((c) => wallClock(c, timeZone) + (c % 1000) === wall).sort((a, b) => a - b);
  return new Date(shown[0] ?? before);
}

/** The local calendar date of an instant in a zone. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  return new Date(wallClock(instant.getTime(), timeZone)).toISOString().slice(0, 10);
}

