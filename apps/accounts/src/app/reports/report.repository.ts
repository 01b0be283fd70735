import { Injectable } from '@nestjs/common';
import type { PoolClient, QueryResultRow } from 'pg';
import { SqlPool, type CallDirection, type CallDisposition } from '@branchline/db';
import type { Grouping, LocalDate } from '@branchline/reports';
import type { Scope } from '../common/scope';
import { groupedRowsStatement, Params, reportSource, summaryScanStatement, type Statement } from './report-sql';

/**
 * The only code of the finance reports that touches the database: it runs
 * the statements of report-sql.ts (the adding up happens in Postgres, GROUP
 * BY over the tenant's CDRs, time buckets by date_trunc in the report's
 * zone, all values bind parameters) in snapshots and cursors.
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

/** The costliest calls first; the later one first among equals. */
export const TOP_CALLS_ORDER: CdrOrder = [
  { field: 'cost', direction: 'desc' },
  { field: 'startedAt', direction: 'desc' },
];

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

interface RawFigures {
  calls: number;
  answered: number;
  billable_seconds: string;
  cost: string;
}

/** A row of summaryScanStatement: a window's summary row, or one of its totals (per currency). */
interface ScanRecord extends SummaryRecord, RawFigures {
  window: number;
  isTotal: boolean;
  currency: string;
  n: string;
}

/** A scan row as a summary row: its keys and figures, without the scan's bookkeeping. */
function summaryRecord(x: ScanRecord): SummaryRecord {
  const row: Partial<ScanRecord> = figures(x);
  delete row.window;
  delete row.isTotal;
  delete row.currency;
  delete row.n;
  return row as SummaryRecord;
}

function currencyFigures(x: ScanRecord): CurrencyFigures {
  const { calls, answered, billableSeconds, cost } = figures(x);
  return { currency: x.currency, calls, answered, billableSeconds, cost };
}

function figures<T extends RawFigures>(row: T): Omit<T, 'billable_seconds'> & { billableSeconds: number } {
  const { billable_seconds, ...rest } = row;
  return { ...rest, billableSeconds: Number(billable_seconds) };
}

@Injectable()
export class ReportRepository {
  constructor(private readonly sql: SqlPool) {}

  /**
   * The rows and the totals (per currency) of each window, all read in one
   * snapshot: CDRs arriving meanwhile cannot make the totals differ from the
   * sum of the rows, nor the previous period from the current one's view.
   * One statement, one scan of the CDRs for all windows, rows and totals
   * (summaryScanStatement). At most `maxRows` rows per window (the caller asks one more than it
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
      const r = await client.query<ScanRecord>(summaryScanStatement(scope, grouping, windows, f, maxRows));
      return windows.map((_, i) => ({
        rows: r.rows.filter((x) => x.window === i && !x.isTotal).map(summaryRecord),
        totals: r.rows.filter((x) => x.window === i && x.isTotal).map(currencyFigures),
      }));
    });
  }

  /**
   * The summaries of one window for several groupings, and the costliest
   * groups of others, all read in one snapshot (a statement's sections then
   * count the same calls).
   */
  async summariseAll(
    scope: Scope,
    w: ReportWindow,
    f: ReportFilter,
    summaries: Grouping[],
    tops: Array<{ grouping: Grouping; limit: number }>,
    maxRows: number,
  ): Promise<{ summaries: Array<{ rows: SummaryRecord[]; totals: CurrencyFigures[] }>; tops: SummaryRecord[][] }> {
    return this.inSnapshot(async (client) => {
      const out: Array<{ rows: SummaryRecord[]; totals: CurrencyFigures[] }> = [];
      for (const grouping of summaries) {
        const r = await client.query<ScanRecord>(summaryScanStatement(scope, grouping, [w], f, maxRows));
        out.push({ rows: r.rows.filter((x) => !x.isTotal).map(summaryRecord), totals: r.rows.filter((x) => x.isTotal).map(currencyFigures) });
      }
      const top: SummaryRecord[][] = [];
      for (const t of tops) {
        const r = await client.query<SummaryRecord & RawFigures>(groupedRowsStatement(scope, t.grouping, w, f, 'cost', t.limit));
        top.push(r.rows.map(figures));
      }
      return { summaries: out, tops: top };
    });
  }

  /** A site of the tenant (within the scope), with what a statement's header shows; null when there is none. */
  async site(scope: Scope, siteId: string): Promise<{ id: string; code: string; name: string; timeZone: string } | null> {
    const r = await this.sql.query<{ id: string; code: string; name: string; timeZone: string }>({
      text: `SELECT id, code, name, time_zone AS "timeZone" FROM sites WHERE tenant_id = $1::uuid AND id = $2::uuid`,
      values: [scope.tenantId, siteId],
    });
    return r.rows[0] ?? null;
  }

  /** The costliest groups of one dimension (destinations, extensions). */
  async topGroups(scope: Scope, grouping: Grouping, w: ReportWindow, f: ReportFilter, limit: number): Promise<SummaryRecord[]> {
    const r = await this.sql.query<SummaryRecord & RawFigures>(groupedRowsStatement(scope, grouping, w, f, 'cost', limit));
    return r.rows.map(figures);
  }

  /** The costliest calls; the later one first among equals. */
  async topCalls(scope: Scope, w: ReportWindow, f: ReportFilter, limit: number): Promise<CdrRecord[]> {
    const p = new Params();
    const source = reportSource(p, scope, w, f);
    const r = await this.sql.query<CdrRecord>({
      text: `WITH f AS (${source}) SELECT ${CDR_SELECT} FROM f ORDER BY ${orderSql(TOP_CALLS_ORDER)} LIMIT ${p.add(limit, 'int')}`,
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
      const source = reportSource(p, scope, w, f);
      const rows = await client.query<CdrRecord>({
        text: `WITH f AS (${source}) SELECT ${CDR_SELECT} FROM f ORDER BY ${orderSql(order)}
          LIMIT ${p.add(page.take, 'int')} OFFSET ${p.add(page.skip, 'int')}`,
        values: p.values,
      });
      const c = new Params();
      const count = await client.query<{ total: number }>({
        text: `WITH f AS (${reportSource(c, scope, w, f)}) SELECT count(*)::int AS total FROM f`,
        values: c.values,
      });
      return [rows.rows, count.rows[0].total];
    });
  }

  /**
   * The rows of a summary (sorted by its keys, without a row limit) or of a
   * top list (costliest first, `limit` rows), in batches read from a
   * Postgres cursor (see cursor).
   */
  streamSummary(
    scope: Scope,
    grouping: Grouping,
    w: ReportWindow,
    f: ReportFilter,
    batchRows: number,
    top?: { limit: number },
  ): AsyncGenerator<SummaryRecord[]> {
    const statement = groupedRowsStatement(scope, grouping, w, f, top ? 'cost' : 'keys', top ? top.limit : null);
    return mapBatches(this.cursor<SummaryRecord & RawFigures>(statement, batchRows), figures);
  }

  /**
   * The calls behind a figure (or the first `limit` of them) for an export,
   * with their local start and the names behind their ids.
   */
  streamCdrs(
    scope: Scope,
    w: ReportWindow,
    f: ReportFilter,
    order: CdrOrder,
    batchRows: number,
    limit?: number,
  ): AsyncGenerator<CdrExportRecord[]> {
    const p = new Params();
    const source = reportSource(p, scope, w, f);
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
      ORDER BY ${orderSql(order)}
      ${limit === undefined ? '' : `LIMIT ${p.add(limit, 'int')}`}`;
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
  private async *cursor<T extends QueryResultRow>(statement: Statement, batchRows: number): AsyncGenerator<T[]> {
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
