import {
  addDays,
  addMonths,
  daysBetween,
  firstOfMonth,
  isLocalDate,
  isoWeek,
  lastOfMonth,
  localMidnight,
  mondayOf,
  monthsBetween,
  type LocalDate,
} from './local-date';
import { ReportInputError } from './report-input-error';

/** The longest period one report covers: three years, one leap day included. */
export const MAX_PERIOD_DAYS = 3 * 365 + 1;

/**
 * The local days a report covers, from and to both included, and the
 * half-open interval of instants they are in the report's zone: `start` is
 * local midnight of `from`, `end` local midnight of the day after `to`. A
 * DST day is 23 or 25 hours long; a day is still one day.
 */
export interface ReportPeriod {
  from: LocalDate;
  to: LocalDate;
  timeZone: string;
  days: number;
  start: Date;
  end: Date;
}

export function reportPeriod(from: string, to: string, timeZone: string): ReportPeriod {
  if (!isLocalDate(from)) throw new ReportInputError('from', 'must be a calendar date YYYY-MM-DD');
  if (!isLocalDate(to)) throw new ReportInputError('to', 'must be a calendar date YYYY-MM-DD');
  const days = daysBetween(from, to) + 1;
  if (days < 1) throw new ReportInputError('to', 'must not be before from');
  if (days > MAX_PERIOD_DAYS) {
    throw new ReportInputError('to', `the period may cover at most ${MAX_PERIOD_DAYS} days (three years); this one covers ${days}`);
  }
  return { from, to, timeZone, days, start: localMidnight(from, timeZone), end: localMidnight(addDays(to, 1), timeZone) };
}

/**
 * How many whole calendar months the dates cover (from the first of a month
 * to the last day of a month), or null when they do not.
 */
export function wholeMonths(from: LocalDate, to: LocalDate): number | null {
  if (from !== firstOfMonth(from) || to !== lastOfMonth(to)) return null;
  return monthsBetween(from, to) + 1;
}

/**
 * The period a report is compared with: for whole calendar months the same
 * number of months just before (March → February, a quarter → the quarter
 * before, a year → the year before), so a month is compared with a month
 * whatever their lengths; otherwise the same number of days just before
 * (2026-03-10..16 → 2026-03-03..09).
 */
export function previousPeriod(p: { from: LocalDate; to: LocalDate }): { from: LocalDate; to: LocalDate } {
  const months = wholeMonths(p.from, p.to);
  if (months !== null) return { from: addMonths(p.from, -months), to: addDays(p.from, -1) };
  const days = daysBetween(p.from, p.to) + 1;
  return { from: addDays(p.from, -days), to: addDays(p.from, -1) };
}

export const TIME_BUCKETS = ['day', 'week', 'month'] as const;
export type TimeBucket = (typeof TIME_BUCKETS)[number];

/** The first local day of the bucket a date falls in; weeks are ISO weeks, starting on Monday. */
export function bucketStart(date: LocalDate, bucket: TimeBucket): LocalDate {
  switch (bucket) {
    case 'day':
      return addDays(date, 0);
    case 'week':
      return mondayOf(date);
    case 'month':
      return firstOfMonth(date);
  }
}

/** The last local day of the bucket a date falls in. */
export function bucketEnd(date: LocalDate, bucket: TimeBucket): LocalDate {
  switch (bucket) {
    case 'day':
      return addDays(date, 0);
    case 'week':
      return addDays(mondayOf(date), 6);
    case 'month':
      return lastOfMonth(date);
  }
}

/** How a bucket is named in a report: "2026-03-29", "2026-W13", "2026-03". */
export function bucketLabel(date: LocalDate, bucket: TimeBucket): string {
  switch (bucket) {
    case 'day':
      return addDays(date, 0);
    case 'week':
      return isoWeek(date);
    case 'month':
      return date.slice(0, 7);
  }
}

/**
 * Which bucket of the period (0 the first, however short) a date falls in.
 * A report compares the n-th bucket of its period with the n-th bucket of
 * the previous one: the 1st of March with the 1st of February, the first
 * (perhaps partial) week with the first week.
 */
export function bucketOrdinal(periodFrom: LocalDate, date: LocalDate, bucket: TimeBucket): number {
  switch (bucket) {
    case 'day':
      return daysBetween(periodFrom, date);
    case 'week':
      return daysBetween(mondayOf(periodFrom), mondayOf(date)) / 7;
    case 'month':
      return monthsBetween(periodFrom, date);
  }
}
