import { divideRoundHalfUp, formatMoney, parseMoney } from '@branchline/rating';

/** How a figure moved against the previous period. */
export interface Change<T> {
  /** current − previous, exact. */
  delta: T;
  /**
   * delta / previous × 100, rounded half away from zero to one decimal
   * place; null when the previous figure is 0 (no growth rate from nothing).
   */
  percent: number | null;
}

function percent(current: bigint, previous: bigint): number | null {
  if (previous === 0n) return null;
  const delta = current - previous;
  // Tenths of a percent, exact in integers, rounded once.
  const tenths = previous > 0n ? divideRoundHalfUp(delta * 1000n, previous) : -divideRoundHalfUp(delta * 1000n, -previous);
  return Number(tenths) / 10;
}

/** The change of a count (calls, seconds). */
export function countChange(current: number, previous: number): Change<number> {
  return { delta: current - previous, percent: percent(BigInt(current), BigInt(previous)) };
}

/** The change of an amount given as exact decimal strings; the delta at five places. */
export function amountChange(current: string, previous: string): Change<string> {
  const c = parseMoney(current);
  const p = parseMoney(previous);
  return { delta: formatMoney(c - p), percent: percent(c, p) };
}

/** The figures every report row and total carries. */
export interface Figures {
  calls: number;
  answered: number;
  billableSeconds: number;
  /** Exact decimal string at five places. */
  cost: string;
}

export interface FiguresChange {
  calls: Change<number>;
  answered: Change<number>;
  billableSeconds: Change<number>;
  cost: Change<string>;
}

export const NO_CALLS: Figures = { calls: 0, answered: 0, billableSeconds: 0, cost: '0.00000' };

/** Each figure's change; a row with no counterpart in the previous period is compared with no calls. */
export function figuresChange(current: Figures, previous: Figures = NO_CALLS): FiguresChange {
  return {
    calls: countChange(current.calls, previous.calls),
    answered: countChange(current.answered, previous.answered),
    billableSeconds: countChange(current.billableSeconds, previous.billableSeconds),
    cost: amountChange(current.cost, previous.cost),
  };
}
