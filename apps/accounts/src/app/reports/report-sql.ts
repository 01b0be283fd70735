import { CALLING_CODES, type Dimension, type Grouping, type LocalDate, type TimeBucket } from '@branchline/reports';
import type { Scope } from '../common/scope';
import type { ReportFilter, ReportWindow } from './report.repository';

/**
 * The text of the report statements (no I/O: ReportRepository runs them).
 * Every statement starts from one source, `reportSource`: the CDRs of the
 * tenant (and a SITE_ADMIN's sites) in a time range, with the derived keys
 * (the call's extension, destination, country). When the CDR table is
 * partitioned by month or a daily rollup appears, only that source and the
 * figures' expressions change.
 */

/** Collects bind values; each call returns its placeholder. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return `$${this.values.length}${cast ? `::${cast}` : ''}`;
  }
}

export interface Statement {
  text: string;
  values: unknown[];
}

// The derived keys, written once: the source selects them, filters and groups use the same names.
const CALL_EXTENSION = 'COALESCE(c.caller_extension_id, c.callee_extension_id)';
const LEAVES_PBX = `c.direction::text IN ('OUTBOUND', 'EMERGENCY')`;
const CALL_COUNTRY = `CASE WHEN ${LEAVES_PBX} THEN COALESCE(k3.country, k2.country, k1.country) END`;
const CALL_DESTINATION = `CASE WHEN ${LEAVES_PBX} THEN COALESCE(c.rate_description, k3.name, k2.name, k1.name) END`;

/**
 * The CDRs a report counts, with the derived keys `x_extension_id` (the
 * caller's extension, else the callee's), `x_destination` and `x_country`
 * (for calls that leave the PBX: the rate's description, else the calling
 * code's country, from libs/reports' table passed as arrays). Always the
 * tenant's, in [start, end), and only a SITE_ADMIN's sites.
 */
export function reportSource(p: Params, scope: Scope, range: { start: Date; end: Date }, f: ReportFilter): string {
  const where = [
    `c.tenant_id = ${p.add(scope.tenantId, 'uuid')}`,
    `c.started_at >= ${p.add(range.start, 'timestamptz')}`,
    `c.started_at < ${p.add(range.end, 'timestamptz')}`,
  ];
  if (scope.siteIds) where.push(`c.site_id = ANY(${p.add(scope.siteIds, 'uuid[]')})`);
  const eq = (expr: string, value: string | null | undefined, cast = 'text') => {
    if (value === undefined) return;
    where.push(value === null ? `${expr} IS NULL` : `${expr} = ${p.add(value, cast)}`);
  };
  eq('c.site_id', f.siteId, 'uuid');
  eq(CALL_EXTENSION, f.extensionId, 'uuid');
  eq('c.gateway_id', f.gatewayId, 'uuid');
  eq('c.cost_centre', f.costCentre);
  eq(CALL_DESTINATION, f.destination);
  eq(CALL_COUNTRY, f.country);
  eq('c.direction::text', f.direction);
  eq('c.disposition::text', f.disposition);
  eq('c.currency', f.currency, 'bpchar');
  const column = (pick: (k: (typeof CALLING_CODES)[number]) => string) => p.add(CALLING_CODES.map(pick), 'text[]');
  const codes = `(SELECT * FROM unnest(${column((k) => k.code)}, ${column((k) => k.country)}, ${column((k) => k.name)}) AS k(code, country, name))`;
  const byDigits = (n: number) =>
    `LEFT JOIN ${codes} k${n} ON c.normalized_number LIKE '+%' AND k${n}.code = substr(c.normalized_number, 2, ${n})`;
  return `SELECT c.*, ${CALL_EXTENSION} AS x_extension_id, ${CALL_DESTINATION} AS x_destination, ${CALL_COUNTRY} AS x_country
    FROM cdrs c ${byDigits(1)} ${byDigits(2)} ${byDigits(3)}
    WHERE ${where.join(' AND ')}`;
}

const BUCKET_END: Record<TimeBucket, string> = {
  day: 'g.k_bucket',
  week: 'g.k_bucket + 6',
  month: `(g.k_bucket + interval '1 month')::date - 1`,
};

/** How a dimension is keyed (columns of `f`), shown and sorted (columns of `g`, the grouped rows, and of the joined names). */
const DIMENSION_SQL: Record<Dimension, { keys: string[]; select: string[]; order: string[] }> = {
  site: {
    keys: ['f.site_id AS k_site'],
    select: ['g.k_site AS "siteId"', 's.code AS "siteCode"', 's.name AS "siteName"'],
    order: ['s.code NULLS LAST', 'g.k_site NULLS LAST'],
  },
  costCentre: { keys: ['f.cost_centre AS k_cost_centre'], select: ['g.k_cost_centre AS "costCentre"'], order: ['g.k_cost_centre NULLS LAST'] },
  extension: {
    keys: ['f.x_extension_id AS k_extension'],
    select: ['g.k_extension AS "extensionId"', 'e.number AS "extensionNumber"', 'e.display_name AS "extensionName"'],
    order: ['e.number NULLS LAST', 'g.k_extension NULLS LAST'],
  },
  destination: {
    keys: ['f.x_destination AS k_destination', 'f.x_country AS k_country'],
    select: ['g.k_destination AS "destination"', 'g.k_country AS "country"'],
    order: ['g.k_destination NULLS LAST', 'g.k_country NULLS LAST'],
  },
  gateway: {
    keys: ['f.gateway_id AS k_gateway'],
    select: ['g.k_gateway AS "gatewayId"', 'gw.name AS "gatewayName"'],
    order: ['gw.name NULLS LAST', 'g.k_gateway NULLS LAST'],
  },
  direction: { keys: ['f.direction::text AS k_direction'], select: ['g.k_direction AS "direction"'], order: ['g.k_direction'] },
  disposition: { keys: ['f.disposition::text AS k_disposition'], select: ['g.k_disposition AS "disposition"'], order: ['g.k_disposition'] },
};

/** The figures over the CDRs of `k`, still numeric (so they sort as numbers). */
const FIGURES = `count(*) AS calls,
  count(*) FILTER (WHERE k.disposition::text = 'ANSWERED') AS answered,
  COALESCE(sum(k.billable_sec), 0) AS billable_seconds,
  COALESCE(sum(k.cost), 0) AS cost`;
/** The figures as the API reads them. */
const FIGURES_OUT = `g.calls::int AS calls, g.answered::int AS answered, g.billable_seconds::bigint::text AS billable_seconds, g.cost::text AS cost`;

export type SummaryOrder = 'keys' | 'cost';

/**
 * A grouping as SQL: the key columns computed per call, their names (what
 * GROUP BY takes), the selected and sorted columns of the grouped rows, and
 * the joins for the names behind ids. `clip` gives the SQL of the local days
 * a bucket is clipped to (called only for a bucket: Postgres refuses a bind
 * value no statement text refers to).
 */
function groupingSql(p: Params, scope: Scope, grouping: Grouping, timeZone: string, clip: () => { from: string; to: string }) {
  const keys: string[] = [];
  const select: string[] = [];
  const order: string[] = [];
  for (const key of grouping.keys) {
    if (key === 'day' || key === 'week' || key === 'month') {
      keys.push(`(date_trunc('${key}', f.started_at AT TIME ZONE ${p.add(timeZone, 'text')}))::date AS k_bucket`);
      const period = clip();
      select.push(`GREATEST(g.k_bucket, ${period.from})::text AS "periodStart"`, `LEAST(${BUCKET_END[key]}, ${period.to})::text AS "periodEnd"`);
      order.push('g.k_bucket');
    } else {
      keys.push(...DIMENSION_SQL[key].keys);
      select.push(...DIMENSION_SQL[key].select);
      order.push(...DIMENSION_SQL[key].order);
    }
  }
  // Added only when a join uses it (see clip).
  let tenantParam: string | undefined;
  const tenant = () => (tenantParam ??= p.add(scope.tenantId, 'uuid'));
  const has = (d: Dimension) => grouping.dimensions.includes(d);
  const joins = [
    has('site') ? `LEFT JOIN sites s ON s.id = g.k_site AND s.tenant_id = ${tenant()}` : '',
    has('extension') ? `LEFT JOIN extensions e ON e.id = g.k_extension AND e.tenant_id = ${tenant()}` : '',
    has('gateway') ? `LEFT JOIN gateways gw ON gw.id = g.k_gateway AND gw.tenant_id = ${tenant()}` : '',
  ].join(' ');
  const names = keys.map((k) => k.slice(k.lastIndexOf(' AS ') + 4));
  return { keys, names, select, order, joins };
}

/** The rows of one grouping over one window (the CSV export and the top lists). */
export function groupedRowsStatement(
  scope: Scope,
  grouping: Grouping,
  w: ReportWindow,
  f: ReportFilter,
  order: SummaryOrder,
  limit: number | null,
): Statement {
  const p = new Params();
  const source = reportSource(p, scope, w, f);
  const sql = groupingSql(p, scope, grouping, w.timeZone, () => ({ from: p.add(w.from, 'date'), to: p.add(w.to, 'date') }));
  const text = `
    WITH f AS (${source}),
    k AS (SELECT ${sql.keys.join(', ')}, f.disposition, f.billable_sec, f.cost FROM f),
    g AS (SELECT ${sql.names.join(', ')}, ${FIGURES} FROM k GROUP BY ${sql.names.join(', ')})
    SELECT ${sql.select.join(', ')}, ${FIGURES_OUT}
    FROM g ${sql.joins}
    ORDER BY ${order === 'cost' ? 'g.cost DESC, g.calls DESC, ' : ''}${sql.order.join(', ')}
    ${limit === null ? '' : `LIMIT ${p.add(limit, 'int')}`}`;
  return { text, values: p.values };
}

/**
 * A summary's rows and its totals per currency for each window (the period,
 * and with compare the previous one), in ONE scan of the CDRs: the source
 * spans the windows, each call is tagged with its window, and
 * `GROUPING SETS ((window, currency, keys...), (window, currency))` gives the
 * rows and the totals from the same aggregation, so the totals are the sum of
 * the rows by construction. Rows are only the report currency's (`k_total =
 * 0`; each currency's when the filter names none); totals are every
 * currency's (`k_total = 1`). At most `maxRows` rows
 * per window, sorted by the keys.
 */
export function summaryScanStatement(scope: Scope, grouping: Grouping, windows: ReportWindow[], f: ReportFilter, maxRows: number): Statement {
  const p = new Params();
  const span = {
    start: new Date(Math.min(...windows.map((w) => w.start.getTime()))),
    end: new Date(Math.max(...windows.map((w) => w.end.getTime()))),
  };
  const source = reportSource(p, scope, span, { ...f, currency: undefined });
  const windowOf =
    windows.length === 1
      ? '0'
      : `CASE ${windows
          .map((w, i) => `WHEN f.started_at >= ${p.add(w.start, 'timestamptz')} AND f.started_at < ${p.add(w.end, 'timestamptz')} THEN ${i}`)
          .join(' ')} END`;
  const perWindow = (day: (w: ReportWindow) => LocalDate) =>
    `(CASE g.k_window ${windows.map((w, i) => `WHEN ${i} THEN ${p.add(day(w), 'date')}`).join(' ')} END)`;
  const sql = groupingSql(p, scope, grouping, windows[0].timeZone, () => ({ from: perWindow((w) => w.from), to: perWindow((w) => w.to) }));
  const text = `
    WITH f AS (${source}),
    k AS (SELECT ${windowOf} AS k_window, f.currency::text AS k_currency, ${sql.keys.join(', ')}, f.disposition, f.billable_sec, f.cost FROM f),
    g AS (
      SELECT k_window, k_currency, ${sql.names.join(', ')}, ${FIGURES}, GROUPING(${sql.names[0]}) AS k_total
      FROM k WHERE k_window IS NOT NULL
      GROUP BY GROUPING SETS ((k_window, k_currency, ${sql.names.join(', ')}), (k_window, k_currency))
    ),
    r AS (
      SELECT g.k_window AS "window", g.k_total = 1 AS "isTotal", g.k_currency AS currency, ${sql.select.join(', ')}, ${FIGURES_OUT},
        row_number() OVER (PARTITION BY g.k_window, g.k_total ORDER BY g.k_total, g.k_currency, ${sql.order.join(', ')}) AS n
      FROM g ${sql.joins}
      WHERE g.k_total = 1 ${f.currency === undefined ? '' : `OR g.k_currency = ${p.add(f.currency, 'text')}`}
    )
    SELECT * FROM r WHERE r.n <= ${p.add(maxRows, 'int')} ORDER BY r."window", r."isTotal", r.n`;
  return { text, values: p.values };
}
