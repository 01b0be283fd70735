import { TIME_BUCKETS, type TimeBucket } from './period';
import { ReportInputError } from './report-input-error';

/**
 * What a report can be split by, besides time. Each call belongs to exactly
 * one value of each dimension (perhaps "none"), so the rows of any grouping
 * add up to the totals:
 * - site, costCentre: the branch the call is charged to and its cost centre at call time;
 * - extension: the caller's extension, else (an inbound call) the callee's;
 * - destination: where an outbound or emergency call went: the rate's description, else the
 *   country of the number's calling code (see calling-codes.ts); none for inbound and internal calls;
 * - gateway, direction, disposition: as recorded.
 */
export const DIMENSIONS = ['site', 'costCentre', 'extension', 'destination', 'gateway', 'direction', 'disposition'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type GroupKey = Dimension | TimeBucket;

export interface Grouping {
  /** The keys in the order asked for; rows are sorted by them in that order. */
  keys: GroupKey[];
  dimensions: Dimension[];
  /** At most one time bucket per report. */
  bucket: TimeBucket | null;
}

const KNOWN: readonly string[] = [...DIMENSIONS, ...TIME_BUCKETS];

/** "site,month" → the grouping; an unknown, repeated or second time key names groupBy. */
export function parseGroupBy(text: string): Grouping {
  const keys = text.split(',').map((k) => k.trim());
  if (keys.some((k) => k === '')) throw new ReportInputError('groupBy', 'must be a comma-separated list of keys');
  const unknown = keys.filter((k) => !KNOWN.includes(k));
  if (unknown.length) {
    throw new ReportInputError('groupBy', `unknown key ${unknown.map((k) => `"${k}"`).join(', ')}; allowed: ${KNOWN.join(', ')}`);
  }
  const repeated = keys.find((k, i) => keys.indexOf(k) !== i);
  if (repeated) throw new ReportInputError('groupBy', `names "${repeated}" twice`);
  const buckets = keys.filter((k): k is TimeBucket => (TIME_BUCKETS as readonly string[]).includes(k));
  if (buckets.length > 1) throw new ReportInputError('groupBy', `may name only one of ${TIME_BUCKETS.join(', ')}`);
  return {
    keys: keys as GroupKey[],
    dimensions: keys.filter((k): k is Dimension => (DIMENSIONS as readonly string[]).includes(k)),
    bucket: buckets[0] ?? null,
  };
}
