import { carrierNumberDigits, type NumberingContext } from './carrier-number';
import { parseCharge, parseDurationMs, parseStartTime, type DecimalSeparator, type StartFormat } from './carrier-fields';
import type { CarrierCall } from './reconcile';

/** The fields of a carrier's row and the request parameter that names each one's column. */
export const CARRIER_COLUMNS = {
  start: 'startColumn',
  number: 'numberColumn',
  duration: 'durationColumn',
  charge: 'chargeColumn',
  reference: 'referenceColumn',
} as const;
export type CarrierField = keyof typeof CARRIER_COLUMNS;

/** Per field, its column: a header name, or a 1-based column number. The reference (the carrier's call id) is optional. */
export type CarrierMapping = Record<Exclude<CarrierField, 'reference'>, string> & { reference?: string };

export interface CarrierFormat {
  startFormat: StartFormat;
  /** The zone of start times written without one. */
  timeZone: string;
  decimalSeparator: DecimalSeparator;
  numbering: NumberingContext;
}

/** A problem in one data row (1-based: the first row after the header is row 1). */
export interface CarrierRowError {
  row: number;
  field: CarrierField;
  reason: string;
}

/** A mapping that does not fit the file, naming the request parameter at fault. */
export class CarrierMappingError extends Error {
  constructor(
    readonly parameter: string,
    readonly reason: string,
  ) {
    super(`${parameter}: ${reason}`);
    this.name = 'CarrierMappingError';
  }
}

/**
 * The 0-based column of each mapped field. A name that is a header counts
 * as that header; otherwise digits are a 1-based column number. Without a
 * header (null) only numbers can name columns.
 */
export function resolveColumns(mapping: CarrierMapping, header: readonly string[] | null, width: number): Partial<Record<CarrierField, number>> {
  const columns: Partial<Record<CarrierField, number>> = {};
  for (const field of Object.keys(CARRIER_COLUMNS) as CarrierField[]) {
    const given = mapping[field];
    if (given === undefined) continue;
    const named = header ? header.indexOf(given) : -1;
    if (named >= 0) columns[field] = named;
    else if (/^\d+$/.test(given) && Number(given) >= 1 && Number(given) <= width) columns[field] = Number(given) - 1;
    else {
      const known = header ? `the header has ${header.map((h) => `"${h}"`).join(', ')}` : 'the file has no header, so give a column number';
      throw new CarrierMappingError(CARRIER_COLUMNS[field], `no column "${given}": ${known} (or a number 1-${width})`);
    }
  }
  return columns;
}

type RowResult = { call: CarrierCall } | { errors: CarrierRowError[] };

function readRow(cells: readonly string[], row: number, columns: Partial<Record<CarrierField, number>>, format: CarrierFormat): RowResult {
  const cell = (field: CarrierField) => (columns[field] === undefined ? '' : (cells[columns[field] as number] ?? '').trim());
  const errors: CarrierRowError[] = [];
  const fail = (field: CarrierField, reason: string) => errors.push({ row, field, reason: `"${cell(field)}" ${reason}` });

  const start = parseStartTime(cell('start'), format.startFormat, format.timeZone);
  if (start === null) fail('start', `is not a ${format.startFormat} date and time`);
  const number = carrierNumberDigits(cell('number'), format.numbering);
  if (number === null) fail('number', 'is not a phone number');
  const durationMs = parseDurationMs(cell('duration'), format.decimalSeparator);
  if (durationMs === null) fail('duration', 'is not a duration in seconds or [h:]mm:ss');
  const charge = parseCharge(cell('charge'), format.decimalSeparator);
  if ('reason' in charge) fail('charge', charge.reason);
  if (errors.length || start === null || number === null || durationMs === null || 'reason' in charge) return { errors };
  return { call: { row, number, start, durationMs, charge: charge.amount, reference: cell('reference') || null } };
}

/**
 * The carrier's calls from the file's data rows (already split into cells),
 * and every problem found, row by row: all rows are read, so one answer
 * names every bad row.
 */
export function readCarrierCalls(
  rows: readonly (readonly string[])[],
  columns: Partial<Record<CarrierField, number>>,
  format: CarrierFormat,
): { calls: CarrierCall[]; errors: CarrierRowError[] } {
  const calls: CarrierCall[] = [];
  const errors: CarrierRowError[] = [];
  rows.forEach((cells, i) => {
    const r = readRow(cells, i + 1, columns, format);
    if ('call' in r) calls.push(r.call);
    else errors.push(...r.errors);
  });
  return { calls, errors };
}
