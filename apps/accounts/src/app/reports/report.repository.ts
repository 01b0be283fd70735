import { Injectable } from '@nestjs/common';
import type { PoolClient, QueryResultRow } from 'pg';
import { SqlPool, type CallDirection, type CallDisposition } from '@branchline/db';
import { CALLING_CODES, type Dimension, type Grouping, type LocalDate, type TimeBucket } from '@branchline/reports';
import type { Scope } from '../common/scope';

/**
 * Every statement of the finance reports, and the only code of the feature
 * that touches the database. The adding up happens in Postgres (GROUP BY over
 * the tenant's CDRs, time buckets by date_trunc in the report's zone), all
 * values are bind parameters, and every statement starts from one source,
 * `reportSource`: the CDRs of the tenant (and a SITE_ADMIN's sites) in the
 * period, with the derived keys (the call's extension, destination,
 * country). When the CDR table is partitioned by month or a daily rollup
 * appears, only that source and the figures' expressions change; the
 * callers do not.
 */

/** The local days a statement covers and the instants they are in its zone. */
export interface ReportWindow {
  from: LocalDate;
  to: LocalDate;
  start: Date;
  end: Date;
  timeZone: string;
}

/**
 * A filter value per key: undefined matches anything, null matches calls
 * without a value (no site, no gateway, ...).
 */
export interface ReportFilter {
  siteId?: string | null;
  extensionId?: string | null;
  gatewayId?: string | null;
  costCentre?: string | null;
  destination?: string | null;
  country?: string | null;
  direction?: CallDirection;
  disposition?: CallDisposition;
  /** Only calls priced in this currency; undefined: every currency. */
  currency?: string;
}

export interface FigureRecord {
  calls: number;
  answered: number;
  billableSeconds: number;
  /** Exact sum as Postgres prints it ("0.04500", or "0" for no calls). */
  cost: string;
}

/** A summary row: the grouping's key columns (only those asked for) and the figures. */
export interface SummaryRecord extends FigureRecord {
  siteId?: string | null;
  siteCode?: string | null;
  siteName?: string | null;
  costCentre?: string | null;
  extensionId?: string | null;
  extensionNumber?: string | null;
  extensionName?: string | null;
  destination?: string | null;
  country?: string | null;
  gatewayId?: string | null;
  gatewayName?: string | null;
  direction?: CallDirection;
  disposition?: CallDisposition;
  /** The bucket's first and last local day, clipped to the period. */
  periodStart?: LocalDate;
  periodEnd?: LocalDate;
}

export interface CurrencyFigures extends FigureRecord {
  currency: string;
}

/** A CDR as the API shows it, money as exact strings. */
export interface CdrRecord {
  id: string;
  tenantId: string;
  callId: string;
  direction: CallDirection;
  disposition: CallDisposition;
  sipStatus: number | null;
  hangupCause: string | null;
  callerNumber: string;
  callerName: string | null;
  callerExtensionId: string | null;
  siteId: string | null;
  costCentre: string | null;
  dialedNumber: string;
  normalizedNumber: string | null;
  calleeExtensionId: string | null;
  routeId: string | null;
  gatewayId: string | null;
  sourceIp: string | null;
  userAgent: string | null;
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date;
  durationSec: number;
  billableSec: number;
  rateDeckId: string | null;
  ratePrefix: string | null;
  rateDescription: string | null;
  hangupBy: string | null;
  connectFee: string | null;
  pricePerMinute: string | null;
  cost: string;
  currency: string;
  createdAt: Date;
}

/** A CDR with what the report derived for it and the names behind its ids, for the CSV export. */
export interface CdrExportRecord extends CdrRecord {
  startedAtLocal: string;
  siteCode: string | null;
  extensionNumber: string | null;
  gatewayName: string | null;
  destination: string | null;
  country: string | null;
}

export type CdrOrder = Array<{ field: 'startedAt' | 'cost' | 'durationSec'; direction: 'asc' | 'desc' }>;

/** Collects bind values; each call returns its placeholder. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return `$${this.values.length}${cast ? `::${cast}` : ''}`;
  }
}

// The derived keys, written once: the source selects them, filters and groups use the same names.
const CALL_EXTENSION = 'COALESCE(c.caller_extension_id, c.callee_extension_id)';
const LEAVES_PBX = `c.direction::text IN ('OUTBOUND', 'EMERGENCY')`;
const CALL_COUNTRY = `CASE WHEN ${LEAVES_PBX} THEN COALESCE(k3.country, k2.country, k1.country) END`;
const CALL_DESTINATION = `CASE WHEN ${LEAVES_PBX} THEN COALESCE(c.rate_description, k3.name, k2.name, k1.name) END`;

const CDR_COLUMNS: ReadonlyArray<[string, keyof CdrRecord]> = [
  ['id', 'id'],
  ['tenant_id', 'tenantId'],
  ['call_id', 'callId'],
  ['direction', 'direction'],
  ['disposition', 'disposition'],
  ['sip_status', 'sipStatus'],
  ['hangup_cause', 'hangupCause'],
  ['caller_number', 'callerNumber'],
  ['caller_name', 'callerName'],
  ['caller_extension_id', 'callerExtensionId'],
  ['site_id', 'siteId'],
  ['cost_centre', 'costCentre'],
  ['dialed_number', 'dialedNumber'],
  ['normalized_number', 'normalizedNumber'],
  ['callee_extension_id', 'calleeExtensionId'],
  ['route_id', 'routeId'],
  ['gateway_id', 'gatewayId'],
  ['source_ip', 'sourceIp'],
  ['user_agent', 'userAgent'],
  ['started_at', 'startedAt'],
  ['answered_at', 'answeredAt'],
  ['ended_at', 'endedAt'],
  ['duration_sec', 'durationSec'],
  ['billable_sec', 'billableSec'],
  ['rate_deck_id', 'rateDeckId'],
  ['rate_prefix', 'ratePrefix'],
  ['rate_description', 'rateDescription'],
  ['hangup_by', 'hangupBy'],
  ['connect_fee', 'connectFee'],
  ['price_per_minute', 'pricePerMinute'],
  ['cost', 'cost'],
  ['currency', 'currency'],
  ['created_at', 'createdAt'],
];
const TEXT_COLUMNS = new Set(['direction', 'disposition', 'hangup_by', 'connect_fee', 'price_per_minute', 'cost', 'currency']);
const CDR_SELECT = CDR_COLUMNS.map(([col, alias]) => `f.${col}${TEXT_COLUMNS.has(col) ? '::text' : ''} AS "${alias}"`).join(', ');
const ORDER_COLUMNS = { startedAt: 'f.started_at', cost: 'f.cost', durationSec: 'f.duration_sec' } as const;

const BUCKET_END: Record<TimeBucket, string> = {
  day: 'g.k_bucket',
  week: 'g.k_bucket + 6',
  month: `(g.k_bucket + interval '1 month')::date - 1`,
};

/** How a dimension is grouped, shown and sorted (columns of `g`, the grouped rows, and of the joined names). */
const DIMENSION_SQL: Record<Dimension, { group: string[]; select: string[]; order: string[] }> = {
  site: {
    group: ['f.site_id AS k_site'],
    select: ['g.k_site AS "siteId"', 's.code AS "siteCode"', 's.name AS "siteName"'],
    order: ['s.code NULLS LAST', 'g.k_site NULLS LAST'],
  },
  costCentre: {
    group: ['f.cost_centre AS k_cost_centre'],
    select: ['g.k_cost_centre AS "costCentre"'],
    order: ['g.k_cost_centre NULLS LAST'],
  },
  extension: {
    group: ['f.x_extension_id AS k_extension'],
    select: ['g.k_extension AS "extensionId"', 'e.number AS "extensionNumber"', 'e.display_name AS "extensionName"'],
    order: ['e.number NULLS LAST', 'g.k_extension NULLS LAST'],
  },
  destination: {
    group: ['f.x_destination AS k_destination', 'f.x_country AS k_country'],
    select: ['g.k_destination AS "destination"', 'g.k_country AS "country"'],
    order: ['g.k_destination NULLS LAST', 'g.k_country NULLS LAST'],
  },
  gateway: {
    group: ['f.gateway_id AS k_gateway'],
    select: ['g.k_gateway AS "gatewayId"', 'gw.name AS "gatewayName"'],
    order: ['gw.name NULLS LAST', 'g.k_gateway NULLS LAST'],
  },
  direction: { group: ['f.direction::text AS k_direction'], select: ['g.k_direction AS "direction"'], order: ['g.k_direction'] },
  disposition: {
    group: ['f.disposition::text AS k_disposition'],
    select: ['g.k_disposition AS "disposition"'],
    order: ['g.k_disposition'],
  },
};

/** The figures over the CDRs of `f`, still numeric (so they sort as numbers), and as the API reads them. */
const FIGURES = `count(*) AS calls,
  count(*) FILTER (WHERE f.disposition::text = 'ANSWERED') AS answered,
  COALESCE(sum(f.billable_sec), 0) AS billable_seconds,
  COALESCE(sum(f.cost), 0) AS cost`;
const FIGURES_OUT = (t: string) =>
  `${t}.calls::int AS calls, ${t}.answered::int AS answered, ${t}.billable_seconds::bigint::text AS billable_seconds, ${t}.cost::text AS cost`;

export type SummaryOrder = 'keys' | 'cost';

interface RawFigures {
  calls: number;
  answered: number;
  billable_seconds: string;
  cost: string;
}

function figures<T extends RawFigures>(row: T): Omit<T, 'billable_seconds'> & { billableSeconds: number } {
  const { billable_seconds, ...rest } = row;
  return { ...rest, billableSeconds: Number(billable_seconds) };
}

@Injectable()
export class ReportRepository {
  constructor(private readonly sql: SqlPool) {}

  /**
   * The CDRs a report counts, with the derived keys `x_extension_id` (the
   * caller's extension, else the callee's), `x_destination` and `x_country`
   * (for calls that leave the PBX: the rate's description, else the calling
   * code's country, from libs/reports' table passed as arrays). Always the
   * tenant's, in the window, and only a SITE_ADMIN's sites.
   */
  private reportSource(p: Params, scope: Scope, w: ReportWindow, f: ReportFilter): string {
    const where = [
      `c.tenant_id = ${p.add(scope.tenantId, 'uuid')}`,
      `c.started_at >= ${p.add(w.start, 'timestamptz')}`,
      `c.started_at < ${p.add(w.end, 'timestamptz')}`,
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
    const codes = `(SELECT * FROM unnest(${p.add(CALLING_CODES.map((k) => k.code), 'text[]')}, ${p.add(
      CALLING_CODES.map((k) => k.country),
      'text[]',
    )}, ${p.add(
      CALLING_CODES.map((k) => k.name),
      'text[]',
    )}) AS k(code, country, name))`;
    const byDigits = (n: number) =>
      `LEFT JOIN ${codes} k${n} ON c.normalized_number LIKE '+%' AND k${n}.code = substr(c.normalized_number, 2, ${n})`;
    return `SELECT c.*, ${CALL_EXTENSION} AS x_extension_id, ${CALL_DESTINATION} AS x_destination, ${CALL_COUNTRY} AS x_country
      FROM cdrs c ${byDigits(1)} ${byDigits(2)} ${byDigits(3)}
      WHERE ${where.join(' AND ')}`;
  }

  private summaryStatement(
    scope: Scope,
    grouping: Grouping,
    w: ReportWindow,
    f: ReportFilter,
    order: SummaryOrder,
    limit: number | null,
  ): { text: string; values: unknown[] } {
    const p = new Params();
    const source = this.reportSource(p, scope, w, f);
    const group: string[] = [];
    const select: string[] = [];
    const orderBy: string[] = [];
    for (const key of grouping.keys) {
      if (key === 'day' || key === 'week' || key === 'month') {
        const unit = key;
        group.push(`(date_trunc('${unit}', f.started_at AT TIME ZONE ${p.add(w.timeZone, 'text')}))::date AS k_bucket`);
        select.push(
          `GREATEST(g.k_bucket, ${p.add(w.from, 'date')})::text AS "periodStart"`,
          `LEAST(${BUCKET_END[unit]}, ${p.add(w.to, 'date')})::text AS "periodEnd"`,
        );
        orderBy.push('g.k_bucket');
      } else {
        group.push(...DIMENSION_SQL[key].group);
        select.push(...DIMENSION_SQL[key].select);
        orderBy.push(...DIMENSION_SQL[key].order);
      }
    }
    // Added only when a join uses it: Postgres refuses a bind value no statement text refers to.
    let tenantParam: string | undefined;
    const tenant = () => (tenantParam ??= p.add(scope.tenantId, 'uuid'));
    const joins = [
      grouping.dimensions.includes('site') ? `LEFT JOIN sites s ON s.id = g.k_site AND s.tenant_id = ${tenant()}` : '',
      grouping.dimensions.includes('extension') ? `LEFT JOIN extensions e ON e.id = g.k_extension AND e.tenant_id = ${tenant()}` : '',
      grouping.dimensions.includes('gateway') ? `LEFT JOIN gateways gw ON gw.id = g.k_gateway AND gw.tenant_id = ${tenant()}` : '',
    ];
    const text = `
      WITH f AS (${source}),
      g AS (SELECT ${group.join(', ')}, ${FIGURES} FROM f GROUP BY ${group.map((_, i) => i + 1).join(', ')})
      SELECT ${select.join(', ')}, ${FIGURES_OUT('g')}
      FROM g ${joins.join(' ')}
      ORDER BY ${order === 'cost' ? 'g.cost DESC, g.calls DESC, ' : ''}${orderBy.join(', ')}
      ${limit === null ? '' : `LIMIT ${p.add(limit, 'int')}`}`;
    return { text, values: p.values };
  }

  private totalsStatement(scope: Scope, w: ReportWindow, f: ReportFilter): { text: string; values: unknown[] } {
    const p = new Params();
    const source = this.reportSource(p, scope, w, { ...f, currency: undefined });
    return {
      text: `WITH f AS (${source}),
        t AS (SELECT f.currency::text AS currency, ${FIGURES} FROM f GROUP BY 1)
        SELECT t.currency, ${FIGURES_OUT('t')} FROM t ORDER BY t.currency`,
      values: p.values,
    };
  }

  /**
   * The rows and the totals (per currency) of each window, all read in one
   * snapshot: CDRs arriving meanwhile cannot make the totals differ from the
   * sum of the rows, nor the previous period from the current one's view.
   * At most `maxRows` rows per window (the caller asks one more than it
   * allows, to tell that there were more).
   */
  async summarise(
    scope: Scope,
    grouping: Grouping,
    windows: ReportWindow[],
    f: ReportFilter,
    maxRows: number,
  ): Promise<Array<{ rows: SummaryRecord[]; totals: CurrencyFigures[] }>> {
    return this.inSnapshot(async (client) => {
      const out: Array<{ rows: SummaryRecord[]; totals: CurrencyFigures[] }> = [];
      for (const w of windows) {
        const rows = await client.query<SummaryRecord & RawFigures>(this.summaryStatement(scope, grouping, w, f, 'keys', maxRows));
        const totals = await client.query<CurrencyFigures & RawFigures>(this.totalsStatement(scope, w, f));
        out.push({ rows: rows.rows.map(figures), totals: totals.rows.map(figures) });
      }
      return out;
    });
  }

  /** The costliest groups of one dimension (destinations, extensions). */
  async topGroups(scope: Scope, grouping: Grouping, w: ReportWindow, f: ReportFilter, limit: number): Promise<SummaryRecord[]> {
    const r = await this.sql.query<SummaryRecord & RawFigures>(this.summaryStatement(scope, grouping, w, f, 'cost', limit));
    return r.rows.map(figures);
  }

  /** The costliest calls; the later one first among equals. */
  async topCalls(scope: Scope, w: ReportWindow, f: ReportFilter, limit: number): Promise<CdrRecord[]> {
    const p = new Params();
    const source = this.reportSource(p, scope, w, f);
    const r = await this.sql.query<CdrRecord>({
      text: `WITH f AS (${source}) SELECT ${CDR_SELECT} FROM f ORDER BY f.cost DESC, f.started_at DESC, f.id LIMIT ${p.add(limit, 'int')}`,
      values: p.values,
    });
    return r.rows;
  }

  /** One page of the CDRs behind a figure, and how many there are. */
  async cdrPage(
    scope: Scope,
    w: ReportWindow,
    f: ReportFilter,
    order: CdrOrder,
    page: { skip: number; take: number },
  ): Promise<[CdrRecord[], number]> {
    return this.inSnapshot(async (client) => {
      const p = new Params();
      const source = this.reportSource(p, scope, w, f);
      const rows = await client.query<CdrRecord>({
        text: `WITH f AS (${source}) SELECT ${CDR_SELECT} FROM f ORDER BY ${orderSql(order)}
          LIMIT ${p.add(page.take, 'int')} OFFSET ${p.add(page.skip, 'int')}`,
        values: p.values,
      });
      const c = new Params();
      const count = await client.query<{ total: number }>({
        text: `WITH f AS (${this.reportSource(c, scope, w, f)}) SELECT count(*)::int AS total FROM f`,
        values: c.values,
      });
      return [rows.rows, count.rows[0].total];
    });
  }

  /**
   * The rows of a summary, without a row limit, in batches read from a
   * Postgres cursor (see cursor).
   */
  streamSummary(scope: Scope, grouping: Grouping, w: ReportWindow, f: ReportFilter, batchRows: number): AsyncGenerator<SummaryRecord[]> {
    return mapBatches(this.cursor<SummaryRecord & RawFigures>(this.summaryStatement(scope, grouping, w, f, 'keys', null), batchRows), figures);
  }

  /** The calls behind a figure for the CSV export, with their local start and the names behind their ids. */
  streamCdrs(scope: Scope, w: ReportWindow, f: ReportFilter, order: CdrOrder, batchRows: number): AsyncGenerator<CdrExportRecord[]> {
    const p = new Params();
    const source = this.reportSource(p, scope, w, f);
    const tenant = p.add(scope.tenantId, 'uuid');
    const text = `WITH f AS (${source})
      SELECT ${CDR_SELECT},
        to_char(f.started_at AT TIME ZONE ${p.add(w.timeZone, 'text')}, 'YYYY-MM-DD HH24:MI:SS') AS "startedAtLocal",
        s.code AS "siteCode", e.number AS "extensionNumber", gw.name AS "gatewayName",
        f.x_destination AS "destination", f.x_country AS "country"
      FROM f
      LEFT JOIN sites s ON s.id = f.site_id AND s.tenant_id = ${tenant}
      LEFT JOIN extensions e ON e.id = f.x_extension_id AND e.tenant_id = ${tenant}
      LEFT JOIN gateways gw ON gw.id = f.gateway_id AND gw.tenant_id = ${tenant}
      ORDER BY ${orderSql(order)}`;
    return this.cursor<CdrExportRecord>({ text, values: p.values }, batchRows);
  }

  /**
   * A statement's rows in batches of `batchRows`, read from a server-side
   * cursor in one read-only REPEATABLE READ transaction: memory holds one
   * batch whatever the row count, and the export is one consistent snapshot.
   * The consumer's pace sets the pace of the FETCHes; stopping early (the
   * client went away) rolls back and hands the connection back. The
   * connection stays taken for the whole export.
   */
  private async *cursor<T extends QueryResultRow>(statement: { text: string; values: unknown[] }, batchRows: number): AsyncGenerator<T[]> {
    if (!Number.isSafeInteger(batchRows) || batchRows < 1) throw new RangeError(`batchRows must be a positive integer, got ${batchRows}`);
    const { client, release } = await this.checkout();
    let finished = false;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      // Every row will be read: plan for the whole result, not for the first tenth (the cursor default).
      await client.query('SET LOCAL cursor_tuple_fraction = 1.0');
      await client.query({ text: `DECLARE report_export NO SCROLL CURSOR FOR ${statement.text}`, values: statement.values });
      for (;;) {
        const batch = await client.query<T>(`FETCH FORWARD ${batchRows} FROM report_export`);
        if (batch.rows.length > 0) yield batch.rows;
        if (batch.rows.length < batchRows) break;
      }
      await client.query('COMMIT');
      finished = true;
    } finally {
      await release(!finished);
    }
  }

  /** Runs fn in one read-only REPEATABLE READ transaction: every statement sees the same CDRs. */
  private async inSnapshot<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    const { client, release } = await this.checkout();
    let finished = false;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const result = await fn(client);
      await client.query('COMMIT');
      finished = true;
      return result;
    } finally {
      await release(!finished);
    }
  }

  /**
   * A pooled connection for a transaction. While it is taken the pool does
   * not listen for its errors, so a connection lost between two statements
   * (a paused export) would be an unhandled 'error' event: it is caught here
   * and the connection discarded on release.
   */
  private async checkout(): Promise<{ client: PoolClient; release: (rollBack: boolean) => Promise<void> }> {
    const client = await this.sql.connect();
    let broken: Error | undefined;
    const onError = (e: Error) => (broken = e);
    client.on('error', onError);
    return {
      client,
      release: async (rollBack) => {
        if (rollBack && !broken) await client.query('ROLLBACK').catch((e: Error) => (broken = e));
        client.off('error', onError);
        client.release(broken);
      },
    };
  }
}

async function* mapBatches<A, B>(batches: AsyncGenerator<A[]>, fn: (a: A) => B): AsyncGenerator<B[]> {
  try {
    for await (const batch of batches) yield batch.map(fn);
  } finally {
    await batches.return(undefined);
  }
}

function orderSql(order: CdrOrder): string {
  return [...order.map((o) => `${ORDER_COLUMNS[o.field]} ${o.direction === 'desc' ? 'DESC' : 'ASC'}`), 'f.id ASC'].join(', ');
}
