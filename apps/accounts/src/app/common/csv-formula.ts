/**
 * CSV formula injection (OWASP "CSV Injection"): a spreadsheet that opens a
 * CSV runs a cell starting with = + - @ (or tab / CR, which it strips first)
 * as a formula, e.g. =HYPERLINK(...) or a DDE call. Every CSV export writes
 * its cells through neutraliseCsvFormula, which puts an apostrophe in front of
 * such a cell so the spreadsheet shows it as text.
 *
 * So that an export imports back to the same values, every CSV import reads
 * its cells through restoreCsvFormula, which removes exactly the one
 * apostrophe the export added: when a cell starts with an apostrophe and the
 * rest would itself need one. A value that really starts with apostrophes
 * followed by a formula character ('=x) therefore gets one more apostrophe on
 * export (''=x) and reads back unchanged; any other apostrophe is left alone.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** The cell to write for a value. */
export function neutraliseCsvFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The value a cell stands for (the inverse of neutraliseCsvFormula). */
export function restoreCsvFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
