import { Injectable } from '@nestjs/common';
import {
  bucketLabel,
  bucketOrdinal,
  figuresChange,
  parseGroupBy,
  previousPeriod,
  reportPeriod,
  ReportInputError,
  roundToMinorUnit,
  type Dimension,
  type Figures,
  type Grouping,
} from '@branchline/reports';
import { scopeOf, type Principal } from '../auth/principal';
import { ForbiddenError, ValidationError } from '../common/errors';
import { renderMoney } from '../common/money';
import { pageRequest, type Page } from '../common/pagination';
import type { Scope } from '../common/scope';
import { CdrRepository } from '../cdrs/cdr.repository';
import { TenantRepository } from '../tenant/tenant.repository';
import {
  MAX_SUMMARY_ROWS,
  type ReportCdrQuery,
  type ReportSummary,
  type SummaryQuery,
  type SummaryRow,
  type Totals,
  type TopKind,
  type TopQuery,
} from './report.dto';
import {
  ReportRepository,
  type CdrOrder,
  type CdrRecord,
  type CurrencyFigures,
  type FigureRecord,
  type ReportFilter,
  type ReportWindow,
  type SummaryRecord,
} from './report.repository';

type FilterQuery = Pick<
  SummaryQuery,
  'from' | 'to' | 'siteId' | 'extensionId' | 'gatewayId' | 'costCentre' | 'destination' | 'country' | 'direction' | 'disposition' | 'currency'
>;

/** What a report counts: whose calls, which local days in which zone, in which currency. */
export interface ReportContext {
  scope: Scope;
  window: ReportWindow;
  filter: ReportFilter;
  currency: string;
}

/** The fields that identify a row's value of each dimension (the rest are its names). */
const DIMENSION_KEYS: Record<Dimension, Array<keyof SummaryRecord>> = {
  site: ['siteId'],
  costCentre: ['costCentre'],
  extension: ['extensionId'],
  destination: ['destination', 'country'],
  gateway: ['gatewayId'],
  direction: ['direction'],
  disposition: ['disposition'],
};

/** The lib's input errors are 422s naming the parameter, like every other invalid parameter. */
function input<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ReportInputError) throw ValidationError.field(e.field, e.reason);
    throw e;
  }
}

/** An exact figure record at the API's fixed five places. */
function rendered<T extends FigureRecord>(r: T): T {
  return { ...r, cost: renderMoney(r.cost) };
}

export function renderCdr(c: CdrRecord): CdrRecord {
  return {
    ...c,
    cost: renderMoney(c.cost),
    connectFee: c.connectFee === null ? null : renderMoney(c.connectFee),
    pricePerMinute: c.pricePerMinute === null ? null : renderMoney(c.pricePerMinute),
  };
}

/**
 * The finance reports: who may see which calls, the period in the report's
 * zone, the grouping, the comparison and the rounding rule (libs/reports).
 * The sums themselves come from Postgres (ReportRepository).
 */
@Injectable()
export class ReportService {
  constructor(
    private readonly reports: ReportRepository,
    private readonly cdrRecords: CdrRepository,
    private readonly tenants: TenantRepository,
  ) {}

  /**
   * The calls a report may count. A SITE_ADMIN sees its sites only (its
   * scope narrows every statement); naming another site, or the calls of no
   * site, is refused rather than answered with nothing.
   */
  async context(p: Principal, q: FilterQuery): Promise<ReportContext> {
    const scope = scopeOf(p);
    if (scope.siteIds && q.siteId !== undefined && !scope.siteIds.includes(q.siteId)) {
      throw new ForbiddenError('You may only see reports of the sites assigned to you');
    }
    const [timeZone, tenant] = await Promise.all([
      this.cdrRecords.reportingTimeZone(scope, q.siteId || undefined),
      this.tenants.get(scope.tenantId),
    ]);
    const period = input(() => reportPeriod(q.from, q.to, timeZone));
    const currency = q.currency ?? tenant.currency;
    const none = (v: string | undefined) => (v === '' ? null : v);
    return {
      scope,
      window: { from: period.from, to: period.to, start: period.start, end: period.end, timeZone },
      currency,
      filter: {
        siteId: none(q.siteId),
        extensionId: none(q.extensionId),
        gatewayId: none(q.gatewayId),
        costCentre: none(q.costCentre),
        destination: none(q.destination),
        country: none(q.country),
        direction: q.direction,
        disposition: q.disposition,
        currency,
      },
    };
  }

  grouping(groupBy: string): Grouping {
    return input(() => parseGroupBy(groupBy));
  }

  async summary(p: Principal, q: SummaryQuery): Promise<ReportSummary> {
    const grouping = this.grouping(q.groupBy);
    const ctx = await this.context(p, q);
    const windows = [ctx.window];
    if (q.compare) {
      const prev = previousPeriod(ctx.window);
      const period = reportPeriod(prev.from, prev.to, ctx.window.timeZone);
      windows.push({ ...ctx.window, from: period.from, to: period.to, start: period.start, end: period.end });
    }
    const [current, previous] = await this.reports.summarise(ctx.scope, grouping, windows, ctx.filter, MAX_SUMMARY_ROWS + 1);
    for (const r of [current, previous]) {
      if (r && r.rows.length > MAX_SUMMARY_ROWS) {
        throw ValidationError.field(
          'groupBy',
          `gives more than ${MAX_SUMMARY_ROWS} rows; group more coarsely, narrow the filters or export it as CSV (format=csv)`,
        );
      }
    }
    const rows = current.rows.map((r) => this.row(r, grouping));
    const totals = this.totalsOf(current.totals, ctx.currency);
    const report: ReportSummary = {
      from: ctx.window.from,
      to: ctx.window.to,
      timeZone: ctx.window.timeZone,
      currency: ctx.currency,
      groupBy: grouping.keys,
      rows,
      totals,
      otherCurrencies: current.totals
        .filter((t) => t.currency !== ctx.currency)
        .map((t) => ({ currency: t.currency, calls: t.calls, cost: renderMoney(t.cost) })),
    };
    if (!previous) return report;

    const prevWindow = windows[1];
    const prevRows = previous.rows.map((r) => this.row(r, grouping));
    const prevTotals = this.totalsOf(previous.totals, ctx.currency);
    const byKey = new Map(prevRows.map((r) => [this.comparisonKey(r, grouping, prevWindow.from), r]));
    return {
      ...report,
      rows: rows.map((r) => ({ ...r, change: figuresChange(r as Figures, byKey.get(this.comparisonKey(r, grouping, ctx.window.from)) as Figures) })),
      previous: { from: prevWindow.from, to: prevWindow.to, rows: prevRows, totals: prevTotals },
      change: figuresChange(totals, prevTotals),
    };
  }

  /** A row's identity across periods: its dimension values, and its bucket by position in the period. */
  private comparisonKey(r: SummaryRow, grouping: Grouping, periodFrom: string): string {
    const parts = grouping.keys.map((k) =>
      k === 'day' || k === 'week' || k === 'month'
        ? bucketOrdinal(periodFrom, r.periodStart as string, k)
        : DIMENSION_KEYS[k].map((f) => r[f as keyof SummaryRow] ?? null),
    );
    return JSON.stringify(parts);
  }

  row(r: SummaryRecord, grouping: Grouping): SummaryRow {
    const out: SummaryRow = rendered(r);
    if (grouping.bucket && r.periodStart) out.period = bucketLabel(r.periodStart, grouping.bucket);
    return out;
  }

  /** The totals in the report currency, with the one rounded figure. */
  totalsOf(byCurrency: CurrencyFigures[], currency: string): Totals {
    const t = byCurrency.find((c) => c.currency === currency);
    const cost = renderMoney(t?.cost ?? '0');
    return {
      calls: t?.calls ?? 0,
      answered: t?.answered ?? 0,
      billableSeconds: t?.billableSeconds ?? 0,
      cost,
      costRounded: roundToMinorUnit(cost, currency),
    };
  }

  /** The grouping a top list of destinations or extensions ranks. */
  topGrouping(by: Exclude<TopKind, 'calls'>): Grouping {
    return parseGroupBy(by === 'destinations' ? 'destination' : 'extension');
  }

  async top(p: Principal, q: TopQuery) {
    const ctx = await this.context(p, q);
    const head = { by: q.by, from: ctx.window.from, to: ctx.window.to, timeZone: ctx.window.timeZone, currency: ctx.currency };
    if (q.by === 'calls') {
      const calls = await this.reports.topCalls(ctx.scope, ctx.window, ctx.filter, q.limit);
      return { ...head, data: calls.map(renderCdr) };
    }
    const grouping = this.topGrouping(q.by);
    const rows = await this.reports.topGroups(ctx.scope, grouping, ctx.window, ctx.filter, q.limit);
    return { ...head, data: rows.map(rendered) };
  }

  async cdrs(p: Principal, q: ReportCdrQuery): Promise<Page<CdrRecord>> {
    const { page, pageSize, sort } = q;
    const ctx = await this.context(p, q);
    const req = pageRequest({ page, pageSize, sort }, [{ startedAt: 'desc' }]);
    const [data, total] = await this.reports.cdrPage(ctx.scope, ctx.window, ctx.filter, cdrOrder(req.orderBy), req);
    return { data: data.map(renderCdr), page, pageSize, total };
  }
}

/** pageRequest's order (with its trailing id) as the repository's; the repository adds the id itself. */
export function cdrOrder(orderBy: Array<Record<string, 'asc' | 'desc'>>): CdrOrder {
  return orderBy.flatMap((o) =>
    Object.entries(o)
      .filter(([field]) => field !== 'id')
      .map(([field, direction]) => ({ field: field as CdrOrder[number]['field'], direction })),
  );
}
