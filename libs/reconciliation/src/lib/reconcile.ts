import { formatMoney, parseMoney } from '@branchline/rating';

/** One of our calls through the gateway (an answered outbound CDR). */
export interface OurCall {
  id: string;
  /** E.164 digits, no "+". */
  number: string;
  /** When the call was answered (epoch ms): what carriers bill from. */
  start: number;
  durationSec: number;
  /** Exact five-place decimal string. */
  cost: string;
}

/** One row of the carrier's file. */
export interface CarrierCall {
  /** 1-based data row of the file. */
  row: number;
  number: string;
  start: number;
  durationMs: number;
  charge: string;
  /** The carrier's own id of the call, when the file has one. */
  reference: string | null;
}

export const ROW_STATUSES = ['matched', 'price-difference', 'ours-only', 'theirs-only'] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

export interface ReconciledRow {
  status: RowStatus;
  ours: OurCall | null;
  theirs: CarrierCall | null;
  /** Carrier's start − ours (ms), for pairs. */
  startDifferenceMs: number | null;
  /** Carrier's duration − ours (ms), for pairs. */
  durationDifferenceMs: number | null;
  /** Carrier's charge − our cost, exact, for pairs. */
  priceDifference: string | null;
}

export interface ReconciliationTotals {
  ourCalls: number;
  carrierCalls: number;
  /** matched + priceDifferences. */
  pairs: number;
  matched: number;
  priceDifferences: number;
  oursOnly: number;
  theirsOnly: number;
  ourTotal: string;
  theirTotal: string;
  /** theirTotal − ourTotal. */
  difference: string;
  /** The sum of the pairs' price differences (the part of `difference` that is not unmatched calls). */
  pairedDifference: string;
}

export interface MatchOptions {
  startToleranceSec: number;
  durationToleranceSec: number;
  /** A pair whose prices differ by at most this much counts as matched. */
  priceTolerance: string;
  /**
   * The period reconciled ([from, to) epoch ms). Our calls are fetched with a
   * tolerance's margin around it, so a call just inside pairs with a carrier
   * row just outside; our unpaired calls outside it belong to another period
   * and are left out.
   */
  period: { from: number; to: number };
}

interface Candidate {
  ours: OurCall;
  theirs: CarrierCall;
  startGap: number;
  durationGap: number;
}

const byStartThenId = (a: OurCall, b: OurCall) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Every pairing the tolerances allow: same number, start and duration within tolerance. */
function candidates(ours: readonly OurCall[], theirs: readonly CarrierCall[], o: MatchOptions): Candidate[] {
  const byNumber = new Map<string, OurCall[]>();
  for (const call of ours) byNumber.set(call.number, [...(byNumber.get(call.number) ?? []), call]);
  for (const list of byNumber.values()) list.sort(byStartThenId);
  const startTolerance = o.startToleranceSec * 1000;
  const durationTolerance = o.durationToleranceSec * 1000;
  const found: Candidate[] = [];
  for (const t of theirs) {
    const list = byNumber.get(t.number) ?? [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].start < t.start - startTolerance) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < list.length && list[i].start <= t.start + startTolerance; i++) {
      const durationGap = Math.abs(t.durationMs - list[i].durationSec * 1000);
      if (durationGap <= durationTolerance) found.push({ ours: list[i], theirs: t, startGap: Math.abs(t.start - list[i].start), durationGap });
    }
  }
  // Closest start first, then closest duration; file row and call id make the order total, so the result is deterministic.
  return found.sort((a, b) => a.startGap - b.startGap || a.durationGap - b.durationGap || a.theirs.row - b.theirs.row || byStartThenId(a.ours, b.ours));
}

function pairRow(c: Candidate, priceTolerance: bigint): ReconciledRow {
  const difference = parseMoney(c.theirs.charge) - parseMoney(c.ours.cost);
  const within = (difference < 0n ? -difference : difference) <= priceTolerance;
  return {
    status: within ? 'matched' : 'price-difference',
    ours: c.ours,
    theirs: c.theirs,
    startDifferenceMs: c.theirs.start - c.ours.start,
    durationDifferenceMs: c.theirs.durationMs - c.ours.durationSec * 1000,
    priceDifference: formatMoney(difference),
  };
}

const single = (status: RowStatus, ours: OurCall | null, theirs: CarrierCall | null): ReconciledRow => ({
  status,
  ours,
  theirs,
  startDifferenceMs: null,
  durationDifferenceMs: null,
  priceDifference: null,
});

const rowStart = (r: ReconciledRow) => (r.ours ?? r.theirs)?.start ?? 0;

/**
 * Pairs our calls with the carrier's rows one to one, best pairs first (the
 * smallest start difference wins a contested call), and reports the rest on
 * each side. Rows come in start order (ours where paired), ties by file row.
 */
export function reconcile(ours: readonly OurCall[], theirs: readonly CarrierCall[], o: MatchOptions): { rows: ReconciledRow[]; totals: ReconciliationTotals } {
  const pairedOurs = new Set<string>();
  const pairedTheirs = new Set<number>();
  const rows: ReconciledRow[] = [];
  const priceTolerance = parseMoney(o.priceTolerance);
  for (const c of candidates(ours, theirs, o)) {
    if (pairedOurs.has(c.ours.id) || pairedTheirs.has(c.theirs.row)) continue;
    pairedOurs.add(c.ours.id);
    pairedTheirs.add(c.theirs.row);
    rows.push(pairRow(c, priceTolerance));
  }
  const inPeriod = (call: OurCall) => call.start >= o.period.from && call.start < o.period.to;
  for (const call of ours) if (!pairedOurs.has(call.id) && inPeriod(call)) rows.push(single('ours-only', call, null));
  for (const t of theirs) if (!pairedTheirs.has(t.row)) rows.push(single('theirs-only', null, t));
  rows.sort((a, b) => rowStart(a) - rowStart(b) || (a.theirs?.row ?? Infinity) - (b.theirs?.row ?? Infinity) || (a.ours && b.ours ? byStartThenId(a.ours, b.ours) : 0));
  return { rows, totals: totalsOf(rows) };
}

/** Counts and exact sums of a reconciliation's rows. */
export function totalsOf(rows: readonly ReconciledRow[]): ReconciliationTotals {
  const count = (s: RowStatus) => rows.filter((r) => r.status === s).length;
  let our = 0n;
  let their = 0n;
  let paired = 0n;
  for (const r of rows) {
    if (r.ours) our += parseMoney(r.ours.cost);
    if (r.theirs) their += parseMoney(r.theirs.charge);
    if (r.priceDifference !== null) paired += parseMoney(r.priceDifference);
  }
  const matched = count('matched');
  const priceDifferences = count('price-difference');
  return {
    ourCalls: rows.filter((r) => r.ours).length,
    carrierCalls: rows.filter((r) => r.theirs).length,
    pairs: matched + priceDifferences,
    matched,
    priceDifferences,
    oursOnly: count('ours-only'),
    theirsOnly: count('theirs-only'),
    ourTotal: formatMoney(our),
    theirTotal: formatMoney(their),
    difference: formatMoney(their - our),
    pairedDifference: formatMoney(paired),
  };
}

/** The carrier rows that start outside the period by more than the start tolerance: a wrong period, zone or file. */
export function rowsOutsidePeriod(theirs: readonly CarrierCall[], o: Pick<MatchOptions, 'period' | 'startToleranceSec'>): CarrierCall[] {
  const margin = o.startToleranceSec * 1000;
  return theirs.filter((t) => t.start < o.period.from - margin || t.start >= o.period.to + margin);
}
