import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';
import { ACCOUNTS_CONFIG, type AccountsConfig } from '../../accounts.config';
import type { Principal } from '../../auth/principal';
import { ValidationError } from '../../common/errors';
import { pageRequest } from '../../common/pagination';
import { CDR_CSV_COLUMNS, csvHeader, csvRows, summaryColumns, UTF8_BOM } from '../report-csv';
import type { ReportCdrQuery, SummaryQuery } from '../report.dto';
import { ReportRepository } from '../report.repository';
import { cdrOrder, renderCdr, ReportService } from '../report.service';

/**
 * A summary or a drill-down as a CSV file, streamed: rows come from a
 * Postgres cursor one batch at a time (REPORT_EXPORT_BATCH_ROWS) and go out
 * as they come, at the pace the client reads, so memory stays at about one
 * batch whatever the row count and there is no row limit. The same rules as
 * the JSON answers (ReportService: scope, zone, period, filters, money at
 * five places), the same rows; RFC 4180 (CRLF, quoting), text cells
 * neutralised against formula injection (report-csv.ts).
 */
@Injectable()
export class ExportReport {
  constructor(
    private readonly reports: ReportService,
    private readonly repository: ReportRepository,
    @Inject(ACCOUNTS_CONFIG) private readonly config: AccountsConfig,
  ) {}

  async summary(p: Principal, q: SummaryQuery): Promise<StreamableFile> {
    if (q.compare) {
      throw ValidationError.field('compare', 'is not available in the CSV export; export each period on its own');
    }
    const grouping = this.reports.grouping(q.groupBy);
    const ctx = await this.reports.context(p, q);
    const columns = summaryColumns(grouping);
    const batches = this.repository.streamSummary(ctx.scope, grouping, ctx.window, ctx.filter, this.config.REPORT_EXPORT_BATCH_ROWS);
    return this.file(
      `report-summary-${ctx.window.from}-${ctx.window.to}.csv`,
      q.bom === true,
      csvHeader(columns),
      chunks(batches, (rows) => csvRows(columns, rows.map((r) => ({ ...this.reports.row(r, grouping), currency: ctx.currency })))),
    );
  }

  async cdrs(p: Principal, q: ReportCdrQuery): Promise<StreamableFile> {
    const ctx = await this.reports.context(p, q);
    const order = cdrOrder(pageRequest({ page: 1, pageSize: 1, sort: q.sort }, [{ startedAt: 'desc' }]).orderBy);
    const batches = this.repository.streamCdrs(ctx.scope, ctx.window, ctx.filter, order, this.config.REPORT_EXPORT_BATCH_ROWS);
    return this.file(
      `report-cdrs-${ctx.window.from}-${ctx.window.to}.csv`,
      q.bom === true,
      csvHeader(CDR_CSV_COLUMNS),
      chunks(batches, (rows) => csvRows(CDR_CSV_COLUMNS, rows.map((r) => ({ ...r, ...renderCdr(r) })))),
    );
  }

  /**
   * The file around the body chunks. The first batch is read before the
   * answer starts, so a failing statement is still a problem+json; a failure
   * later can only cut the transfer short (the connection is reset, so the
   * client cannot take a truncated file for a whole one).
   */
  private async file(name: string, bom: boolean, header: string, body: AsyncGenerator<string>): Promise<StreamableFile> {
    const first = await body.next();
    async function* content(): AsyncGenerator<string> {
      try {
        yield `${bom ? UTF8_BOM : ''}${header}`;
        if (first.done) return;
        yield first.value;
        for await (const chunk of body) yield chunk;
      } finally {
        // Also when the client goes away before the cursor is exhausted: roll back, hand the connection back.
        await body.return(undefined);
      }
    }
    return new StreamableFile(Readable.from(content(), { objectMode: false }), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${name}"`,
    });
  }
}

async function* chunks<T>(batches: AsyncGenerator<T[]>, toCsv: (rows: T[]) => string): AsyncGenerator<string> {
  try {
    for await (const batch of batches) yield toCsv(batch);
  } finally {
    await batches.return(undefined);
  }
}
