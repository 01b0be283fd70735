/**
 * Money as an exact fixed-point integer: units of 10^-5 of the currency, the
 * scale of every amount column in the schema (Decimal(12,5) prices,
 * Decimal(14,5) costs). Floating point never touches an amount.
 */
export type Money = bigint;

export const MONEY_SCALE = 5;
const UNIT = 10n ** BigInt(MONEY_SCALE);

export class MoneyFormatError extends Error {
  constructor(readonly value: string) {
    super(`"${value}" is not an amount with at most ${MONEY_SCALE} decimal places`);
    this.name = 'MoneyFormatError';
  }
}

/** Parses "0.0123", "12", "1.5" (what Postgres and Prisma's Decimal print) into exact units. */
export function parseMoney(value: string): Money {
  const m = /^(-?)(\d+)(?:\.(\d{1,5})0*)?$/.exec(value.trim());
  if (!m) throw new MoneyFormatError(value);
  const units = BigInt(m[2]) * UNIT + BigInt((m[3] ?? '').padEnd(MONEY_SCALE, '0'));
  return m[1] ? -units : units;
}

/** "12.34500": always five decimals, as stored. */
export function formatMoney(m: Money): string {
  const sign = m < 0n ? '-' : '';
  const abs = m < 0n ? -m : m;
  return `${sign}${abs / UNIT}.${(abs % UNIT).toString().padStart(MONEY_SCALE, '0')}`;
}

/** numerator / denominator rounded half away from zero (0.5 → 1, -0.5 → -1); denominator > 0. */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  const q = (n * 2n + denominator) / (denominator * 2n);
  return negative ? -q : q;
}

/** An amount rounded half-up to cents, for invoices and reports: "12.35". */
export function formatCents(m: Money): string {
  const cents = divideRoundHalfUp(m, UNIT / 100n);
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}
