import { Inject, Injectable, type StreamableFile } from '@nestjs/common';
import { ACCOUNTS_CONFIG, type AccountsConfig } from '../../accounts.config';
import type { Principal } from '../../auth/principal';
import { ValidationError } from '../../common/errors';
import { pageRequest } from '../../common/pagination';
import { CDR_CSV_COLUMNS, summaryColumns } from '../report-csv';
import { exportFile, fileOptions, mapBatches, type ExportSource } from '../report-file';
import type { ReportCdrQuery, SummaryQuery, TopQuery } from '../report.dto';
import type { FileFormat } from '../report-format';
import { ReportRepository, TOP_CALLS_ORDER, type CdrExportRecord } from '../report.repository';
import { cdrOrder, renderCdr, ReportService } from '../report.service';

/**
 * A summary, a top list or a drill-down as a CSV or XLSX file, streamed: rows come
 * from a Postgres cursor one batch at a time (REPORT_EXPORT_BATCH_ROWS) and
 * go out as they come, at the pace the client reads, so memory stays at
 * about one batch whatever the row count and there is no row limit. The same
 * rules as the JSON answers (ReportService: scope, zone, period, filters,
 * money at five places), the same rows; RFC 4180 (CRLF, quoting), text cells
 * neutralised against formula injection (report-csv.ts); XLSX through
 * exceljs' streaming writer, fed the same batches (report-xlsx.ts).
 */
@Injectable()
export class ExportReport {
  constructor(
    private readonly reports: ReportService,
    private readonly repository: ReportRepository,
    @Inject(ACCOUNTS_CONFIG) private readonly config: AccountsConfig,
  ) {}

  async summary(p: Principal, q: SummaryQuery, format: FileFormat): Promise<StreamableFile> {
    if (q.compare) {
      throw ValidationError.field('compare', 'is not available in a file export; export each period on its own');
    }
    const grouping = this.reports.grouping(q.groupBy);
    const ctx = await this.reports.context(p, q);
    const batches = this.repository.streamSummary(ctx.scope, grouping, ctx.window, ctx.filter, this.batchRows);
    return exportFile(fileOptions(format, q), {
      name: `report-summary-${ctx.window.from}-${ctx.window.to}`,
      sheet: 'Summary',
      columns: summaryColumns(grouping),
      batches: mapBatches(batches, (r) => ({ ...this.reports.row(r, grouping), currency: ctx.currency })),
    });
  }

  async top(p: Principal, q: TopQuery, format: FileFormat): Promise<StreamableFile> {
    const ctx = await this.reports.context(p, q);
    const name = `report-top-${q.by}-${ctx.window.from}-${ctx.window.to}`;
    if (q.by === 'calls') {
      const batches = this.repository.streamCdrs(ctx.scope, ctx.window, ctx.filter, TOP_CALLS_ORDER, this.batchRows, q.limit);
      return exportFile(fileOptions(format, q), this.calls(name, 'Top calls', batches));
    }
    const grouping = this.reports.topGrouping(q.by);
    const batches = this.repository.streamSummary(ctx.scope, grouping, ctx.window, ctx.filter, this.batchRows, { limit: q.limit });
    return exportFile(fileOptions(format, q), {
      name,
      sheet: q.by === 'destinations' ? 'Top destinations' : 'Top extensions',
      columns: summaryColumns(grouping),
      batches: mapBatches(batches, (r) => ({ ...this.reports.row(r, grouping), currency: ctx.currency })),
    });
  }

  async cdrs(p: Principal, q: ReportCdrQuery, format: FileFormat): Promise<StreamableFile> {
    const ctx = await this.reports.context(p, q);
    const order = cdrOrder(pageRequest({ page: 1, pageSize: 1, sort: q.sort }, [{ startedAt: 'desc' }]).orderBy);
    const batches = this.repository.streamCdrs(ctx.scope, ctx.window, ctx.filter, order, this.batchRows);
    return exportFile(fileOptions(format, q), this.calls(`report-cdrs-${ctx.window.from}-${ctx.window.to}`, 'Calls', batches));
  }

  private get batchRows(): number {
    return this.config.REPORT_EXPORT_BATCH_ROWS;
  }

  private calls(name: string, sheet: string, batches: AsyncGenerator<CdrExportRecord[]>): ExportSource {
    return { name, sheet, columns: CDR_CSV_COLUMNS, batches: mapBatches(batches, (r) => ({ ...r, ...renderCdr(r) })) };
  }
}
