import type { ReportRow } from '../api/types';
import { drillQuery, previousCost, rowLabel, wholeMonth } from './report-model';

const row = (over: Partial<ReportRow>): ReportRow => ({ calls: 3, answered: 2, billableSeconds: 120, cost: '1.50000', ...over });

describe('report model', () => {
  const period = { from: '2026-11-01', to: '2026-11-30' };

  it('drills into a site and month row with the row bucket as the period', () => {
    const r = row({ siteId: 's1', siteCode: 'BER', period: '2026-11', periodStart: '2026-11-01', periodEnd: '2026-11-30' });
    expect(drillQuery({ from: '2026-10-15', to: '2026-11-30' }, r, ['site', 'month'])).toEqual({ from: '2026-11-01', to: '2026-11-30', siteId: 's1' });
  });

  it('selects the calls without a value with an empty filter, as the API reads it', () => {
    expect(drillQuery(period, row({ siteId: null }), ['site'])).toMatchObject({ siteId: '' });
    expect(drillQuery(period, row({ destination: 'Germany', country: 'DE' }), ['destination'])).toMatchObject({ destination: 'Germany', country: 'DE' });
    expect(drillQuery(period, row({ direction: 'OUTBOUND' }), ['direction'])).toMatchObject({ direction: 'OUTBOUND' });
  });

  it('keeps the summary site filter when the grouping is not by site', () => {
    expect(drillQuery({ ...period, siteId: 's2' }, row({ costCentre: 'CC-1' }), ['costCentre'])).toEqual({ ...period, siteId: 's2', costCentre: 'CC-1' });
  });

  it('names a row by its keys and a missing key with the given word', () => {
    expect(rowLabel(row({ siteCode: 'BER', period: '2026-11' }), ['site', 'month'], 'none')).toBe('BER · 2026-11');
    expect(rowLabel(row({ siteCode: null }), ['site'], 'no site')).toBe('no site');
    expect(rowLabel(row({ extensionNumber: '1001', extensionName: 'Anna' }), ['extension'], '-')).toBe('1001 Anna');
  });

  it('reads the previous cost from the change, and knows a whole month', () => {
    const change = { calls: { delta: 1, percent: 50 }, answered: { delta: 0, percent: 0 }, billableSeconds: { delta: 0, percent: 0 }, cost: { delta: '0.50000', percent: 50 } };
    expect(previousCost(row({ change }))).toBeCloseTo(1.0);
    expect(previousCost(row({}))).toBeNull();
    expect(wholeMonth('2026-11-01', '2026-11-30')).toBe('2026-11');
    expect(wholeMonth('2026-11-01', '2026-11-29')).toBeNull();
    expect(wholeMonth('2026-02-01', '2026-02-28')).toBe('2026-02');
  });
});
