import type { ReportCdrsQuery, ReportRow, ReportSummary, SummaryQuery } from '../api/types';
import { monthEnd, monthStart } from '../format/format';

export type GroupKey = ReportSummary['groupBy'][number];
export const GROUPINGS: ReadonlyArray<readonly GroupKey[]> = [['site'], ['site', 'month'], ['costCentre'], ['destination'], ['extension'], ['gateway'], ['direction'], ['day']];
const TIME_KEYS: ReadonlySet<GroupKey> = new Set(['day', 'week', 'month']);

/** The filters that select exactly the calls behind one summary row (an empty key filter selects the calls without one). */
export function drillQuery(summary: Pick<SummaryQuery, 'from' | 'to' | 'siteId'>, row: ReportRow, groupBy: readonly GroupKey[]): ReportCdrsQuery {
  const q: ReportCdrsQuery = { from: summary.from, to: summary.to, siteId: summary.siteId };
  for (const key of groupBy) {
    if (TIME_KEYS.has(key)) {
      q.from = row.periodStart ?? q.from;
      q.to = row.periodEnd ?? q.to;
    } else if (key === 'site') q.siteId = row.siteId ?? '';
    else if (key === 'costCentre') q.costCentre = row.costCentre ?? '';
    else if (key === 'extension') q.extensionId = row.extensionId ?? '';
    else if (key === 'gateway') q.gatewayId = row.gatewayId ?? '';
    else if (key === 'destination') {
      q.destination = row.destination ?? '';
      q.country = row.country ?? '';
    } else if (key === 'direction') q.direction = row.direction;
    else if (key === 'disposition') q.disposition = row.disposition;
  }
  return q;
}

/** What a row is, in words: its key values joined (`BER · 2026-11`); `none` for a key without value. */
export function rowLabel(row: ReportRow, groupBy: readonly GroupKey[], none: string): string {
  const part = (key: GroupKey): string | null | undefined => {
    switch (key) {
      case 'site':
        return row.siteCode;
      case 'costCentre':
        return row.costCentre;
      case 'extension':
        return row.extensionNumber && `${row.extensionNumber} ${row.extensionName ?? ''}`.trim();
      case 'destination':
        return row.destination;
      case 'gateway':
        return row.gatewayName;
      case 'direction':
        return row.direction;
      case 'disposition':
        return row.disposition;
      default:
        return row.period ?? row.periodStart?.slice(0, 10);
    }
  };
  return groupBy.map((k) => part(k) ?? none).join(' · ');
}

/** The same row's cost in the previous period (for the chart; the exact figures are the API's strings). */
export function previousCost(row: ReportRow): number | null {
  return row.change ? Number(row.cost) - Number(row.change.cost.delta) : null;
}

/** The month (YYYY-MM) when the period is exactly one calendar month: the site statement PDF exists for those. */
export function wholeMonth(from: string, to: string): string | null {
  return from === monthStart(from) && to === monthEnd(from) ? from.slice(0, 7) : null;
}
