import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';
import { ACCOUNTS_CONFIG, type AccountsConfig } from '../../accounts.config';
import type { Principal } from '../../auth/principal';
import { ValidationError } from '../../common/errors';
import { pageRequest } from '../../common/pagination';
import { CDR_CSV_COLUMNS, csvHeader, csvRows, summaryColumns, UTF8_BOM, type CsvColumn, type Row } from '../report-csv';
import type { ReportCdrQuery, SummaryQuery, TopQuery } from '../report.dto';
import { MEDIA_TYPES, type FileFormat } from '../report-format';
import { xlsxStream } from '../report-xlsx';
import { ReportRepository, TOP_CALLS_ORDER, type CdrExportRecord } from '../report.repository';
import { cdrOrder, renderCdr, ReportService } from '../report.service';

/** What an export is: its file name (without extension) and sheet, its columns and its rows, one batch at a time. */
interface ExportSource {
  name: string;
  sheet: string;
  columns: CsvColumn<Row>[];
  batches: AsyncGenerator<Row[]>;
}

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
/** What the file options of a query say. */
type FileOptions = { format: FileFormat; bom: boolean };
const fileOptions = (format: FileFormat, q: { bom?: boolean }): FileOptions => ({ format, bom: q.bom === true });

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
    return this.file(fileOptions(format, q), {
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
      return this.file(fileOptions(format, q), this.calls(name, 'Top calls', batches));
    }
    const grouping = this.reports.topGrouping(q.by);
    const batches = this.repository.streamSummary(ctx.scope, grouping, ctx.window, ctx.filter, this.batchRows, { limit: q.limit });
    return this.file(fileOptions(format, q), {
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
    return this.file(fileOptions(format, q), this.calls(`report-cdrs-${ctx.window.from}-${ctx.window.to}`, 'Calls', batches));
  }

  private get batchRows(): number {
    return this.config.REPORT_EXPORT_BATCH_ROWS;
  }

  private calls(name: string, sheet: string, batches: AsyncGenerator<CdrExportRecord[]>): ExportSource {
    return { name, sheet, columns: CDR_CSV_COLUMNS, batches: mapBatches(batches, (r) => ({ ...r, ...renderCdr(r) })) };
  }

  private async file(options: FileOptions, source: ExportSource): Promise<StreamableFile> {
    const disposition = `attachment; filename="${source.name}.${options.format}"`;
    if (options.format === 'xlsx') {
      const first = await source.batches.next();
      return new StreamableFile(xlsxStream(source.sheet, source.columns, first, source.batches), { type: MEDIA_TYPES.xlsx, disposition });
    }
    const body = mapBatchesTo(source.batches, (rows) => csvRows(source.columns, rows));
    const first = await body.next();
    const head = `${options.bom ? UTF8_BOM : ''}${csvHeader(source.columns)}`;
    return new StreamableFile(Readable.from(withHead(head, first, body), { objectMode: false }), {
      type: 'text/csv; charset=utf-8',
      disposition,
    });
  }
}

/**
 * The file's head, then its body chunks. The first batch is read before the
 * answer starts (the caller awaits it), so a failing statement is still a
 * problem+json; a failure later can only cut the transfer short (the
 * connection is reset, so the client cannot take a truncated file for a
 * whole one).
 */
export async function* withHead<T>(head: T, first: IteratorResult<T>, body: AsyncGenerator<T>): AsyncGenerator<T> {
  try {
    yield head;
    if (first.done) return;
    yield first.value;
    for await (const chunk of body) yield chunk;
  } finally {
    // Also when the client goes away before the cursor is exhausted: roll back, hand the connection back.
    await body.return(undefined);
  }
}

export async function* mapBatches<A, B>(batches: AsyncGenerator<A[]>, fn: (a: A) => B): AsyncGenerator<B[]> {
  yield* mapBatchesTo(batches, (batch) => batch.map(fn));
}

async function* mapBatchesTo<A, B>(batches: AsyncGenerator<A[]>, fn: (batch: A[]) => B): AsyncGenerator<B> {
  try {
    for await (const batch of batches) yield fn(batch);
  } finally {
    await batches.return(undefined);
  }
}
