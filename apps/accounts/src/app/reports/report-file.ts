import { StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';
import { csvHeader, csvRows, UTF8_BOM, type CsvColumn, type Row } from './report-csv';
import { MEDIA_TYPES, type FileFormat } from './report-format';
import { xlsxStream } from './report-xlsx';

/** What an export is: its file name (without extension) and sheet, its columns and its rows, one batch at a time. */
export interface ExportSource {
  name: string;
  sheet: string;
  columns: CsvColumn<Row>[];
  batches: AsyncGenerator<Row[]>;
}

/** What the file options of a query say. */
export type FileOptions = { format: FileFormat; bom: boolean };
export const fileOptions = (format: FileFormat, q: { bom?: boolean }): FileOptions => ({ format, bom: q.bom === true });

/**
 * The rows of a source as a CSV (RFC 4180, text cells neutralised, report-csv.ts) or XLSX
 * (report-xlsx.ts) download, streamed batch by batch: the one file writer of every export
 * (reports, reconciliations).
 */
export async function exportFile(options: FileOptions, source: ExportSource): Promise<StreamableFile> {
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
