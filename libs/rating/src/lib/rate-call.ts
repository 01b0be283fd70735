import { divideRoundHalfUp, formatMoney, parseMoney, type Money } from './money';

/** A tariff line as the rate deck stores it (amounts as decimal strings). */
export interface Tariff {
  connectFee: string;
  pricePerMinute: string;
  /** Seconds charged for the first increment (60 in "60/60", 30 in "30/6"). */
  initialIncrement: number;
  /** Seconds per further increment (6 in "30/6"). */
  subsequentIncrement: number;
}

export interface CallCharge {
  billableSeconds: number;
  /** Exact cost, five decimals, as stored in cdrs.cost. */
  cost: string;
  costUnits: Money;
}

export class TariffError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TariffError';
  }
}

/**
 * Seconds actually talked, from answer to hang-up: every started second
 * counts (1.2 s is 2 s), so a call is never billed below what it used.
 */
export function talkedSeconds(answeredAt: Date, endedAt: Date): number {
  const ms = endedAt.getTime() - answeredAt.getTime();
  return ms <= 0 ? 0 : Math.ceil(ms / 1000);
}

/**
 * Seconds billed: nothing for no talk time; otherwise the first increment in
 * full, then whole subsequent increments (60/60 bills 61 s as 120 s, 30/6
 * bills 31 s as 36 s, 1/1 bills by the second).
 */
export function billableSeconds(talked: number, initialIncrement: number, subsequentIncrement: number): number {
  if (!Number.isInteger(talked) || talked < 0) throw new TariffError(`talked seconds must be a whole number >= 0, got ${talked}`);
  if (!Number.isInteger(initialIncrement) || initialIncrement < 1) throw new TariffError(`initial increment must be a whole number >= 1, got ${initialIncrement}`);
  if (!Number.isInteger(subsequentIncrement) || subsequentIncrement < 1) throw new TariffError(`subsequent increment must be a whole number >= 1, got ${subsequentIncrement}`);
  if (talked === 0) return 0;
  if (talked <= initialIncrement) return initialIncrement;
  return initialIncrement + Math.ceil((talked - initialIncrement) / subsequentIncrement) * subsequentIncrement;
}

/**
 * The price of one call: connect fee + price per minute × billable seconds / 60.
 *
 * Rounding rule: the time part is computed exactly and rounded once, half
 * away from zero, to 5 decimal places (the stored scale); the connect fee is
 * added as it stands. Sums over many calls add these stored amounts; reports
 * round the sum to cents at the end (formatCents), never call by call.
 * An unanswered call costs nothing; an answered one pays the connect fee
 * even when no whole second was talked.
 */
export function rateCall(call: { answered: boolean; talkedSeconds: number }, tariff: Tariff): CallCharge {
  if (!call.answered) return { billableSeconds: 0, cost: formatMoney(0n), costUnits: 0n };
  const billable = billableSeconds(call.talkedSeconds, tariff.initialIncrement, tariff.subsequentIncrement);
  const perMinute = parseMoney(tariff.pricePerMinute);
  const connect = parseMoney(tariff.connectFee);
  if (perMinute < 0n || connect < 0n) throw new TariffError('prices must not be negative');
  const units = connect + divideRoundHalfUp(perMinute * BigInt(billable), 60n);
  return { billableSeconds: billable, cost: formatMoney(units), costUnits: units };
}

/** A free call (internal, inbound): zero cost, but talk time still recorded as billable 0. */
export const FREE_CALL: CallCharge = { billableSeconds: 0, cost: formatMoney(0n), costUnits: 0n };
