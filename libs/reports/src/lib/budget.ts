import { formatMoney, parseMoney } from '@branchline/rating';
import { addDays, addMonths, firstOfMonth, isLocalDate, lastOfMonth, localDateOf, type LocalDate } from './local-date';
import { reportPeriod, type ReportPeriod } from './period';
import { ReportInputError } from './report-input-error';

/** A budget's month as the API writes it: "2026-12". */
export type BudgetMonth = string;

/** "2026-12" → its first day, "2026-12-01"; anything else is an input error naming `field`. */
export function monthStart(month: string, field = 'month'): LocalDate {
  if (!/^\d{4}-\d{2}$/.test(month) || !isLocalDate(`${month}-01`)) {
    throw new ReportInputError(field, 'must be a month YYYY-MM, e.g. 2026-12');
  }
  return `${month}-01`;
}

/** The local days of a month in a zone, as a report counts them (DST days included). */
export function monthPeriod(month: BudgetMonth, timeZone: string): ReportPeriod {
  const first = monthStart(month);
  return reportPeriod(first, lastOfMonth(first), timeZone);
}

/** The month an instant falls in, in a zone. */
export function monthOf(instant: Date, timeZone: string): BudgetMonth {
  return firstOfMonth(localDateOf(instant, timeZone)).slice(0, 7);
}

/** The month before: "2026-01" → "2025-12". */
export function previousMonth(month: BudgetMonth): BudgetMonth {
  return addMonths(monthStart(month), -1).slice(0, 7);
}

/** The months around an instant anywhere on earth (zones run from UTC−12 to UTC+14). */
export function monthsAround(instant: Date): BudgetMonth[] {
  const utc = instant.toISOString().slice(0, 10);
  return [...new Set([addDays(utc, -1), utc, addDays(utc, 1)].map((d) => d.slice(0, 7)))];
}

export interface BudgetUsage {
  /** Exact spend at five places. */
  spent: string;
  /** spent / amount in percent, rounded half up to two decimals (for display; thresholds compare exactly). */
  percentUsed: number;
  /** The thresholds the spend has reached (spent ≥ amount × threshold / 100, exactly), ascending. */
  crossed: number[];
}

/**
 * How much of a budget is used, exactly: money as fixed-point units, so
 * 80.00000 of 100.00000 has crossed 80 % and 79.99999 has not. The amount is
 * positive (the API refuses anything else).
 */
export function budgetUsage(amount: string, spent: string, thresholds: readonly number[]): BudgetUsage {
  const total = parseMoney(amount);
  if (total <= 0n) throw new RangeError(`a budget amount must be positive, got ${amount}`);
  const used = parseMoney(spent);
  // Percent with two decimals = used × 10000 / total, rounded half up (used ≥ 0 in practice; refunds may make it negative).
  const scaled = used * 10000n;
  const hundredths = scaled >= 0n ? (scaled * 2n + total) / (total * 2n) : -((-scaled * 2n + total) / (total * 2n));
  const crossed = [...thresholds].sort((a, b) => a - b).filter((t) => used * 100n >= total * BigInt(t));
  return { spent: formatMoney(used), percentUsed: Number(hundredths) / 100, crossed };
}
