import type { Grouping } from '@branchline/reports';
import { stringify } from 'csv-stringify/sync';
import { neutraliseCsvFormula } from '../common/csv-formula';

/** Excel reads a CSV as UTF-8 only when it starts with a byte-order mark. */
export const UTF8_BOM = '\uFEFF';

/**
 * RFC 4180 through csv-stringify, as the extension export writes: CRLF
 * records, a field quoted when it holds a comma, a double quote, CR or LF
 * (`quoted_match`: with CRLF records csv-stringify quotes only the pair, so a
 * lone LF or CR would split the record for a strict reader).
 */
const RFC4180 = { record_delimiter: 'windows', quoted_match: /[\r\n]/ } as const;

/** One RFC 4180 field. */
export function csvField(value: string): string {
  return stringify([[value]], { ...RFC4180, record_delimiter: '' });
}

/** One record; lines end in CRLF, as RFC 4180 says. */
export function csvRecord(fields: readonly string[]): string {
  return stringify([[...fields]], RFC4180);
}

/**
 * A column of an export. Text that people or carriers choose (names,
 * numbers, descriptions) is neutralised against formula injection
 * (common/csv-formula.ts); figures the API computes are written as they are,
 * so a spreadsheet reads them as numbers. `count` and `money` are figures
 * an XLSX export writes as numeric cells (report-xlsx.ts).
 */
export interface CsvColumn<T> {
  header: string;
  kind: 'text' | 'figure' | 'count' | 'money';
  value: (row: T) => string | number | Date | null | undefined;
}

function cell<T>(column: CsvColumn<T>, row: T): string {
  const v = column.value(row);
  if (v === null || v === undefined) return '';
  const text = v instanceof Date ? v.toISOString() : String(v);
  return column.kind === 'text' ? neutraliseCsvFormula(text) : text;
}

export function csvHeader<T>(columns: readonly CsvColumn<T>[]): string {
  return csvRecord(columns.map((c) => c.header));
}

export function csvRows<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  // one stringify per batch of rows, not per record
  return stringify(rows.map((r) => columns.map((c) => cell(c, r))), RFC4180);
}

export type Row = Record<string, unknown>;
const text = (header: string): CsvColumn<Row> => ({ header, kind: 'text', value: (r) => r[header] as string | null });
const figure = (header: string, kind: 'figure' | 'count' | 'money' = 'figure'): CsvColumn<Row> => ({
  header,
  kind,
  value: (r) => r[header] as string | number,
});
const count = (header: string) => figure(header, 'count');
const money = (header: string) => figure(header, 'money');

/** The columns of a summary export: the grouping's keys in its order, then the figures. */
export function summaryColumns(grouping: Grouping): CsvColumn<Row>[] {
  const keys: Record<string, CsvColumn<Row>[]> = {
    site: [text('siteCode'), text('siteName'), text('siteId')],
    costCentre: [text('costCentre')],
    extension: [text('extensionNumber'), text('extensionName'), text('extensionId')],
    destination: [text('destination'), text('country')],
    gateway: [text('gatewayName'), text('gatewayId')],
    direction: [text('direction')],
    disposition: [text('disposition')],
  };
  const bucket = [figure('period'), figure('periodStart'), figure('periodEnd')];
  return [
    ...grouping.keys.flatMap((k) => (k === 'day' || k === 'week' || k === 'month' ? bucket : keys[k])),
    count('calls'),
    count('answered'),
    count('billableSeconds'),
    money('cost'),
    figure('currency'),
  ];
}

/** The columns of a drill-down export: the call, its derived keys and the names behind its ids. */
export const CDR_CSV_COLUMNS: CsvColumn<Row>[] = [
  text('id'),
  text('callId'),
  figure('startedAt'),
  figure('startedAtLocal'),
  figure('answeredAt'),
  figure('endedAt'),
  text('direction'),
  text('disposition'),
  text('siteCode'),
  text('costCentre'),
  text('extensionNumber'),
  text('callerNumber'),
  text('callerName'),
  text('dialedNumber'),
  text('normalizedNumber'),
  text('destination'),
  text('country'),
  text('gatewayName'),
  count('durationSec'),
  count('billableSec'),
  text('ratePrefix'),
  text('rateDescription'),
  money('connectFee'),
  money('pricePerMinute'),
  money('cost'),
  text('currency'),
  text('hangupBy'),
  count('sipStatus'),
  text('hangupCause'),
];
