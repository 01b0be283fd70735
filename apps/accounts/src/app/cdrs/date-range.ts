import { ValidationError } from '../common/errors';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

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
 * The first instant of a local calendar day (YYYY-MM-DD) in an IANA zone.
 * Usually local 00:00; where a DST change skips midnight (e.g. Santiago,
 * 00:00 -> 01:00) the day starts at the change; where midnight happens twice
 * the first one counts.
 */
export function localMidnight(date: string, timeZone: string): Date {
  const m = DATE_ONLY.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // The offset at midnight is one of those around it: try each, keep the
  // earliest instant whose wall clock is already on this day.
  const candidates = [day - DAY_MS, day, day + DAY_MS].map((probe) => day - offsetAt(probe, timeZone));
  const onTheDay = candidates.filter((c) => wallClock(c, timeZone) >= day).sort((a, b) => a - b);
  return new Date(onTheDay[0]);
}

function nextDate(date: string): string {
  const m = DATE_ONLY.exec(date) as RegExpExecArray;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1)).toISOString().slice(0, 10);
}

function instant(name: 'from' | 'to', value: string, timeZone: string): Date {
  if (DATE_ONLY.test(value)) return localMidnight(name === 'to' ? nextDate(value) : value, timeZone);
  // Only ISO timestamps with Z or an offset reach here (the query schema checks);
  // this guards callers that skip it.
  const t = new Date(value);
  if (!/T.*(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(t.getTime())) {
    throw ValidationError.field(
      name,
      'must be an ISO 8601 date (YYYY-MM-DD) or a timestamp with Z or an offset',
    );
  }
  return t;
}

export interface CdrPeriod {
  gte?: Date;
  lt?: Date;
}

/**
 * The half-open interval of call start times a finance query means.
 * A date-only `from`/`to` is a local calendar day in `timeZone`, `to`
 * including its whole day (from=to=2026-12-03 is that one day); timestamps
 * with Z or an offset are taken as given, `to` exclusive.
 */
export function cdrPeriod(q: { from?: string; to?: string }, timeZone: string): CdrPeriod {
  const gte = q.from === undefined ? undefined : instant('from', q.from, timeZone);
  const lt = q.to === undefined ? undefined : instant('to', q.to, timeZone);
  if (gte && lt && lt <= gte) throw ValidationError.field('to', 'must be after from');
  return { ...(gte ? { gte } : {}), ...(lt ? { lt } : {}) };
}
