import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/problem';
import type { ReportRow, SummaryQuery } from '../api/types';
import { useLoggedIn } from '../auth/session-context';
import { BarChart } from '../charts/bar-chart';
import { useFormat } from '../data/use-format';
import { useLoad } from '../data/use-load';
import { localDay, monthEnd, monthStart } from '../format/format';
import { Alert, Card, CheckField, SelectField, Stat, TextField } from '../ui';
import { ReportDownloads } from './report-downloads';
import { ReportDrillDown } from './report-drill-down';
import { GROUPINGS, previousCost, rowLabel, wholeMonth } from './report-model';
import { ReportTable } from './report-table';

/** Call charges by site, month, cost centre...: chart, comparison with the previous period, drill-down, downloads. */
export function ReportsPage() {
  const { t } = useTranslation();
  const session = useLoggedIn();
  const fmt = useFormat();
  const today = localDay(new Date(), session.timeZone);
  const [period, setPeriod] = useState({ from: monthStart(today), to: monthEnd(today) });
  const [grouping, setGrouping] = useState(0);
  const [compare, setCompare] = useState(true);
  const [drill, setDrill] = useState<ReportRow | null>(null);
  const groupBy = GROUPINGS[grouping];
  const query: SummaryQuery = { from: period.from, to: period.to, groupBy: groupBy.join(','), compare: compare ? 'true' : undefined };
  const summary = useLoad(() => session.api.get('/api/v1/reports/summary', { query }), JSON.stringify(query));
  const rows = summary.data?.rows ?? [];
  const none = t('reports.none');
  const chart = useMemo(() => {
    const series = [{ name: t('reports.cost'), values: rows.map((r) => Number(r.cost)) }];
    if (compare) series.push({ name: t('reports.previousCost'), values: rows.map((r) => previousCost(r) ?? 0) });
    return { categories: rows.map((r) => rowLabel(r, groupBy, none)), series };
  }, [rows, groupBy, compare, none, t]);
  const month = wholeMonth(period.from, period.to);
  const fieldError = (name: string) => (summary.error instanceof ApiError ? summary.error.fieldErrors[name] : undefined);
  const total = summary.data?.totals;

  return (
    <div className="bl-stack">
      <h1>{t('reports.title')}</h1>
      <form className="bl-row" onSubmit={(e) => e.preventDefault()}>
        <TextField label={t('common.from')} type="date" value={period.from} error={fieldError('from')} onChange={(e) => setPeriod((p) => ({ ...p, from: e.target.value }))} />
        <TextField label={t('common.to')} type="date" value={period.to} error={fieldError('to')} onChange={(e) => setPeriod((p) => ({ ...p, to: e.target.value }))} />
        <SelectField label={t('reports.groupBy')} value={String(grouping)} onChange={(e) => { setGrouping(Number(e.target.value)); setDrill(null); }} options={GROUPINGS.map((g, i) => ({ value: String(i), label: g.map((k) => t(`reports.keys.${k}`)).join(' + ') }))} />
        <CheckField label={t('reports.compare')} checked={compare} onChange={(e) => setCompare(e.target.checked)} />
      </form>
      {summary.error && <Alert kind="error">{summary.error.message}</Alert>}
      {total && (
        <div className="bl-grid">
          <Stat label={t('reports.calls')} value={fmt.number(total.calls)} />
          <Stat label={t('reports.costExact')} value={<span data-testid="total-cost">{fmt.money(total.cost)}</span>} />
          <Stat label={t('reports.costRounded')} value={fmt.money(total.costRounded)} />
          {summary.data?.change && <Stat label={t('reports.changeCost', { from: fmt.day(summary.data.previous?.from ?? ''), to: fmt.day(summary.data.previous?.to ?? '') })} value={fmt.percent(summary.data.change.cost.percent)} />}
        </div>
      )}
      <ReportDownloads query={query} month={month} />
      <Card title={t('reports.chart', { keys: groupBy.map((k) => t(`reports.keys.${k}`)).join(' + ') })} labelledBy="report-chart">
        <BarChart label={t('reports.chartLabel', { total: total ? fmt.money(total.cost) : '' })} categories={chart.categories} series={chart.series} format={(v) => fmt.money(v.toFixed(5))} />
      </Card>
      <ReportTable rows={rows} groupBy={groupBy} compare={compare} onDrill={setDrill} />
      {drill && <ReportDrillDown summary={query} row={drill} groupBy={groupBy} onClose={() => setDrill(null)} />}
    </div>
  );
}
