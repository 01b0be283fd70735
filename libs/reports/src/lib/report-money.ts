import { divideRoundHalfUp, formatMoney, MONEY_SCALE, parseMoney } from '@branchline/rating';

/**
 * The rounding rule of every report (finance reconciles against it):
 *
 * 1. Each call's cost is stored at five decimal places (rating rounds each
 *    call once, see libs/rating).
 * 2. Every figure of a report (a row, a bucket, the totals) is the exact sum
 *    of its calls' stored costs. A sum of five-place amounts has five places,
 *    so nothing is rounded: the totals equal the sum of the rows exactly, to
 *    the 0.00001, and so to the cent.
 * 3. Only the totals are also given rounded to the currency's minor unit
 *    (cents for EUR), half away from zero, once, from the exact sum: the
 *    amount to compare with an invoice.
 *
 * Rows are never rounded on their own: rounded rows do not add up to the
 * rounded total (three rows of 0.005 round to 0.01 each, 0.03 together,
 * while the total 0.015 rounds to 0.02). Whoever needs rounded rows rounds
 * the exact ones and keeps the exact total.
 */
export function sumAmounts(amounts: Iterable<string>): string {
  let sum = 0n;
  for (const a of amounts) sum += parseMoney(a);
  return formatMoney(sum);
}

/** a − b, exact. */
export function subtractAmounts(a: string, b: string): string {
  return formatMoney(parseMoney(a) - parseMoney(b));
}

/**
 * ISO 4217 minor units of the currencies that do not have two: none for
 * JPY, KRW, ISK, CLP and the like, three for the dinars of the Gulf.
 */
const MINOR_UNITS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
};

/** Decimal places of a currency's minor unit (2 unless ISO 4217 says otherwise). */
export function minorUnits(currency: string): number {
  return MINOR_UNITS[currency] ?? 2;
}

/** An exact amount rounded once, half away from zero, to the currency's minor unit: "12.34500" EUR → "12.35". */
export function roundToMinorUnit(amount: string, currency: string): string {
  const places = minorUnits(currency);
  const rounded = divideRoundHalfUp(parseMoney(amount), 10n ** BigInt(MONEY_SCALE - places));
  const sign = rounded < 0n ? '-' : '';
  const abs = rounded < 0n ? -rounded : rounded;
  if (places === 0) return `${sign}${abs}`;
  const unit = 10n ** BigInt(places);
  return `${sign}${abs / unit}.${(abs % unit).toString().padStart(places, '0')}`;
}
