import { addDays, localMidnight } from '@branchline/reports';
import { ValidationError } from '../common/errors';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function instant(name: 'from' | 'to', value: string, timeZone: string): Date {
  if (DATE_ONLY.test(value)) return localMidnight(name === 'to' ? addDays(value, 1) : value, timeZone);
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
