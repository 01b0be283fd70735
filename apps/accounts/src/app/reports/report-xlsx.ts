import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { stream as excelStream, type Worksheet } from 'exceljs';
import type { CsvColumn, Row } from './report-csv';

/** Five places, as every amount of the API, with thousands separators. */
export const MONEY_FORMAT = '#,##0.00000';

/**
 * A money cell. Amounts are exact five-place decimal strings; a spreadsheet
 * holds IEEE doubles, which show 15 significant digits, so every amount
 * below 10^10 reads back (and displays at five places) exactly as its
 * string. The cell is a number (with MONEY_FORMAT) when it round-trips, else
 * the exact string: never a silently different figure.
 */
export function moneyCell(value: string): number | string {
  const n = Number(value);
  return Number.isFinite(n) && n.toFixed(5) === value ? n : value;
}

function cellValue(column: CsvColumn<Row>, row: Row): string | number | null {
  const v = column.value(row);
  if (v === null || v === undefined || v === '') return null;
  if (column.kind === 'money') return moneyCell(String(v));
  if (column.kind === 'count') return Number(v);
  // Text goes in as a string cell, which Excel and LibreOffice show and never run as a formula, whatever it starts with.
  return v instanceof Date ? v.toISOString() : String(v);
}

function addRows(sheet: Worksheet, columns: CsvColumn<Row>[], rows: Row[]): void {
  for (const r of rows) sheet.addRow(columns.map((c) => cellValue(c, r))).commit();
}

/**
 * An XLSX workbook of one sheet, streamed: exceljs' streaming writer (each
 * row committed as it is added, no shared strings table) fed one cursor
 * batch at a time. When the client reads slower than rows come, the next
 * batch is fetched only once the file's stream has drained, so memory stays
 * at about one batch. The caller has already read the first batch (so a
 * failing statement is still a problem+json); a failure later destroys the
 * stream, which resets the connection. A client that goes away destroys it
 * too, which ends the batches (the cursor is rolled back).
 */
export function xlsxStream(sheetName: string, columns: CsvColumn<Row>[], first: IteratorResult<Row[]>, rest: AsyncGenerator<Row[]>): Readable {
  const out = new PassThrough();
  const book = new excelStream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = book.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({
    key: c.header,
    width: Math.max(12, c.header.length + 2),
    style: c.kind === 'money' ? { numFmt: MONEY_FORMAT } : {},
  }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();

  const write = async () => {
    try {
      if (!first.done) addRows(sheet, columns, first.value);
      for await (const rows of rest) {
        if (out.destroyed) break;
        addRows(sheet, columns, rows);
        if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
      }
      if (!out.destroyed) await book.commit();
    } catch (e) {
      out.destroy(e as Error);
    } finally {
      await rest.return(undefined);
    }
  };
  void write();
  return out;
}
