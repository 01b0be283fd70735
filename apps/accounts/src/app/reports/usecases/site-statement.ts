import { Injectable, StreamableFile } from '@nestjs/common';
import { addDays, daysBetween, lastOfMonth, parseGroupBy, type LocalDate } from '@branchline/reports';
import type { Principal } from '../../auth/principal';
import { NotFoundError, ValidationError } from '../../common/errors';
import { renderMoney } from '../../common/money';
import { TenantRepository } from '../../tenant/tenant.repository';
import { MAX_SUMMARY_ROWS, type SummaryRow } from '../report.dto';
import { ReportRepository } from '../report.repository';
import { ReportService } from '../report.service';
import { statementPdf, type StatementData } from '../statement-pdf';
import type { StatementQuery } from '../statement.dto';

const TOP_DESTINATIONS = 10;
const BY_DIRECTION = parseGroupBy('direction');
const BY_EXTENSION = parseGroupBy('extension');
const BY_DAY = parseGroupBy('day');
const BY_DESTINATION = parseGroupBy('destination');

/**
 * The monthly call-charge statement of one site as a PDF: its figures are
 * the summaries of the API (totals and rows by direction, by extension and
 * by day, the costliest destinations), read in one snapshot, with the same
 * scope, zone and rounding rule (ReportService, libs/reports); the PDF only
 * lays them out (statement-pdf.ts).
 */
@Injectable()
export class SiteStatement {
  constructor(
    private readonly reports: ReportService,
    private readonly repository: ReportRepository,
    private readonly tenants: TenantRepository,
  ) {}

  async pdf(p: Principal, q: StatementQuery): Promise<StreamableFile> {
    const data = await this.data(p, q);
    return new StreamableFile(statementPdf(data), {
      type: 'application/pdf',
      disposition: `attachment; filename="statement-${data.site.code}-${q.month}.pdf"`,
    });
  }

  async data(p: Principal, q: StatementQuery): Promise<StatementData> {
    const from = `${q.month}-01`;
    const ctx = await this.reports.context(p, { from, to: lastOfMonth(from), siteId: q.siteId, currency: q.currency });
    const [site, tenant] = await Promise.all([this.repository.site(ctx.scope, q.siteId), this.tenants.get(ctx.scope.tenantId)]);
    if (!site) throw new NotFoundError('Site', q.siteId);
    const { summaries, tops } = await this.repository.summariseAll(
      ctx.scope,
      ctx.window,
      ctx.filter,
      [BY_DIRECTION, BY_EXTENSION, BY_DAY],
      [{ grouping: BY_DESTINATION, limit: TOP_DESTINATIONS }],
      MAX_SUMMARY_ROWS + 1,
    );
    const [byDirection, byExtension, byDay] = summaries;
    if (byExtension.rows.length > MAX_SUMMARY_ROWS) {
      throw ValidationError.field('siteId', `has more than ${MAX_SUMMARY_ROWS} extensions with calls; export the summary instead`);
    }
    const row = (grouping: typeof BY_DIRECTION) => (r: (typeof byDirection.rows)[number]) => this.reports.row(r, grouping);
    return {
      tenant: tenant.name,
      site: { code: site.code, name: site.name },
      from: ctx.window.from,
      to: ctx.window.to,
      timeZone: ctx.window.timeZone,
      currency: ctx.currency,
      totals: this.reports.totalsOf(byDirection.totals, ctx.currency),
      byDirection: byDirection.rows.map(row(BY_DIRECTION)),
      byExtension: byExtension.rows.map(row(BY_EXTENSION)),
      topDestinations: tops[0].map(row(BY_DESTINATION)),
      dailyCost: everyDay(ctx.window.from, ctx.window.to, byDay.rows.map(row(BY_DAY))),
      otherCurrencies: byDirection.totals
        .filter((t) => t.currency !== ctx.currency)
        .map((t) => ({ currency: t.currency, calls: t.calls, cost: renderMoney(t.cost) })),
    };
  }
}

/** Every day of the period with its cost; a day without calls costs nothing. */
function everyDay(from: LocalDate, to: LocalDate, rows: SummaryRow[]): Array<{ day: LocalDate; cost: string }> {
  const cost = new Map(rows.map((r) => [r.periodStart as string, r.cost as string]));
  return Array.from({ length: daysBetween(from, to) + 1 }, (_, i) => addDays(from, i)).map((day) => ({
    day,
    cost: cost.get(day) ?? renderMoney('0'),
  }));
}
