import { reconcile, rowsOutsidePeriod, type CarrierCall, type MatchOptions, type OurCall } from './reconcile';

const T0 = Date.parse('2026-11-03T09:00:00Z');
const at = (seconds: number) => T0 + seconds * 1000;
const ours = (id: string, number: string, startSec: number, durationSec: number, cost: string): OurCall => ({ id, number, start: at(startSec), durationSec, cost });
const theirs = (row: number, number: string, startSec: number, durationSec: number, charge: string): CarrierCall => ({
  row,
  number,
  start: at(startSec),
  durationMs: durationSec * 1000,
  charge,
  reference: `ref-${row}`,
});
const OPTIONS: MatchOptions = { startToleranceSec: 5, durationToleranceSec: 2, priceTolerance: '0', period: { from: at(-3600), to: at(3600) } };

/** What each row paired, as "ourId+row", "ourId" or "+row", with its status. */
function outcome(o: OurCall[], t: CarrierCall[], options: Partial<MatchOptions> = {}) {
  const { rows, totals } = reconcile(o, t, { ...OPTIONS, ...options });
  return { rows: rows.map((r) => `${r.status} ${r.ours?.id ?? ''}+${r.theirs?.row ?? ''}`), totals };
}

describe('reconcile', () => {
  const base = [ours('a', '49301111', 0, 60, '0.01500'), ours('b', '49302222', 120, 90, '0.03000')];
  const billed = [theirs(1, '49301111', 2, 61, '0.015'), theirs(2, '49302222', 119, 89, '0.03000')];

  it.each<[string, OurCall[], CarrierCall[], string[]]>([
    ['pairs calls within the tolerances', base, billed, ['matched a+1', 'matched b+2']],
    ['reports a call the carrier billed that we do not have', base, [...billed, theirs(3, '49303333', 300, 30, '0.01000')], ['matched a+1', 'matched b+2', 'theirs-only +3']],
    ['reports a call we have that the carrier did not bill', [...base, ours('c', '49304444', 400, 10, '0.00500')], billed, ['matched a+1', 'matched b+2', 'ours-only c+']],
    ['reports a price difference on a pair', base, [billed[0], theirs(2, '49302222', 120, 90, '0.04000')], ['matched a+1', 'price-difference b+2']],
    ['does not pair a duration outside the tolerance', base, [billed[0], theirs(2, '49302222', 120, 93, '0.03000')], ['matched a+1', 'theirs-only +2', 'ours-only b+']],
    ['does not pair a start outside the tolerance', base, [billed[0], theirs(2, '49302222', 126, 90, '0.03000')], ['matched a+1', 'ours-only b+', 'theirs-only +2']],
    ['does not pair another number', base, [billed[0], theirs(2, '49302223', 120, 90, '0.03000')], ['matched a+1', 'theirs-only +2', 'ours-only b+']],
    ['pairs two calls to the same number a minute apart each with its own row', [ours('x', '4930555', 0, 30, '0.01'), ours('y', '4930555', 60, 30, '0.01')], [theirs(1, '4930555', 61, 30, '0.01'), theirs(2, '4930555', 1, 30, '0.01')], ['matched x+2', 'matched y+1']],
    ['gives a contested call to the closest start, not the first row', [ours('x', '4930555', 10, 30, '0.01')], [theirs(1, '4930555', 6, 30, '0.01'), theirs(2, '4930555', 11, 30, '0.01')], ['theirs-only +1', 'matched x+2']],
    ['bills a call twice: the second row is the carrier’s only', [ours('x', '4930555', 0, 30, '0.01')], [theirs(1, '4930555', 0, 30, '0.01'), theirs(2, '4930555', 0, 30, '0.01')], ['matched x+1', 'theirs-only +2']],
    ['pairs at exactly the tolerances', [ours('x', '4930555', 0, 30, '0.01')], [theirs(1, '4930555', 5, 32, '0.01')], ['matched x+1']],
  ])('%s', (_name, o, t, expected) => {
    expect(outcome(o, t).rows).toEqual(expected);
  });

  it('breaks equal starts by duration and lists rows by start, then file row, the same way on every run', () => {
    const o = [ours('x', '4930555', 0, 30, '0.01'), ours('y', '4930555', 0, 31, '0.01')];
    const t = [theirs(1, '4930555', 0, 31, '0.01'), theirs(2, '4930555', 0, 30, '0.01')];
    expect(outcome(o, t).rows).toEqual(['matched y+1', 'matched x+2']);
    expect(outcome([...o].reverse(), [...t].reverse()).rows).toEqual(['matched y+1', 'matched x+2']);
  });

  it('counts a difference within the price tolerance as matched', () => {
    const r = outcome([ours('x', '4930555', 0, 30, '0.01234')], [theirs(1, '4930555', 0, 30, '0.0123')], { priceTolerance: '0.00005' });
    expect(r.rows).toEqual(['matched x+1']);
    expect(r.totals.pairedDifference).toBe('-0.00004');
  });

  it('leaves out our unpaired calls outside the period, but pairs one inside with a row just outside', () => {
    const period = { from: at(0), to: at(100) };
    const o = [ours('before', '4930555', -3, 30, '0.01'), ours('edge', '4930666', 99, 30, '0.01'), ours('late', '4930777', 101, 30, '0.01')];
    expect(outcome(o, [theirs(1, '4930666', 102, 30, '0.01')], { period }).rows).toEqual(['matched edge+1']);
  });

  it('adds up the planted mismatches exactly', () => {
    const o = [...base, ours('c', '49304444', 400, 10, '0.00500')];
    const t = [billed[0], theirs(2, '49302222', 120, 90, '0.04000'), theirs(3, '49303333', 300, 30, '0.01000')];
    expect(outcome(o, t).totals).toEqual({
      ourCalls: 3,
      carrierCalls: 3,
      pairs: 2,
      matched: 1,
      priceDifferences: 1,
      oursOnly: 1,
      theirsOnly: 1,
      ourTotal: '0.05000',
      theirTotal: '0.06500',
      difference: '0.01500',
      pairedDifference: '0.01000',
    });
  });

  it('keeps sums exact where floats would not (0.1 + 0.2)', () => {
    const r = outcome([ours('x', '4930555', 0, 30, '0.1'), ours('y', '4930556', 0, 30, '0.2')], []);
    expect(r.totals.ourTotal).toBe('0.30000');
  });
});

describe('rowsOutsidePeriod', () => {
  it('names the rows beyond the period and its tolerance margin', () => {
    const t = [theirs(1, '4930', -6, 1, '0'), theirs(2, '4930', -5, 1, '0'), theirs(3, '4930', 104, 1, '0'), theirs(4, '4930', 105, 1, '0')];
    expect(rowsOutsidePeriod(t, { period: { from: at(0), to: at(100) }, startToleranceSec: 5 }).map((r) => r.row)).toEqual([1, 4]);
  });
});
