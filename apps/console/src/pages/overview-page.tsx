import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportSummary } from '../api/types';
import { can } from '../auth/session';
import { useLoggedIn } from '../auth/session-context';
import { BarChart } from '../charts/bar-chart';
import { useFormat } from '../data/use-format';
import { useLoad } from '../data/use-load';
import { daysFrom, localDay, monthStart } from '../format/format';
import { Alert, Card, DataTable, Stat } from '../ui';
import { PhonesPerSite } from './phones-per-site';

/** Today's and this month's calls and spend (one summary by day for the month; today is its last row). */
function SpendToday() {
  const { t } = useTranslation();
  const session = useLoggedIn();
  const fmt = useFormat();
  const today = localDay(new Date(), session.timeZone);
  const month = useLoad(
    () => session.api.get('/api/v1/reports/summary', { query: { from: monthStart(today), to: today, groupBy: 'day' } }),
    today,
  );
  const todayRow = month.data?.rows.find((r) => r.periodStart?.slice(0, 10) === today);
  const chart = useMemo(() => dailySeries(month.data, daysFrom(monthStart(today), today), (d) => fmt.day(d)), [month.data, today, fmt]);
  if (month.error) return <Alert kind="error">{month.error.message}</Alert>;
  return (
    <>
      <div className="bl-grid">
        <Stat label={t('overview.callsToday')} value={fmt.number(todayRow?.calls ?? 0)} />
        <Stat label={t('overview.spendToday')} value={fmt.money(todayRow?.cost ?? '0')} />
        <Stat label={t('overview.callsMonth')} value={month.data ? fmt.number(month.data.totals.calls) : '…'} />
        <Stat label={t('overview.spendMonth')} value={month.data ? fmt.money(month.data.totals.cost) : '…'} />
      </div>
      <Card title={t('overview.spendChart')} labelledBy="spend-chart">
        <BarChart label={t('overview.spendChartLabel', { total: month.data ? fmt.money(month.data.totals.cost) : '' })} categories={chart.categories} series={[{ name: t('reports.cost'), values: chart.values }]} format={(v) => fmt.money(v.toFixed(5))} />
        <DataTable
          caption={t('overview.spendChart')}
          columns={[
            { key: 'day', header: t('reports.day'), cell: (r) => fmt.day(r.day) },
            { key: 'calls', header: t('reports.calls'), numeric: true, cell: (r) => fmt.number(r.calls) },
            { key: 'cost', header: t('reports.cost'), numeric: true, cell: (r) => fmt.money(r.cost) },
          ]}
          rows={chart.rows.filter((r) => r.calls > 0)}
          rowKey={(r) => r.day}
        />
      </Card>
    </>
  );
}

/** One bar per day of the month so far; days without calls (no summary row) are 0. */
function dailySeries(summary: ReportSummary | undefined, days: string[], label: (day: string) => string) {
  const byDay = new Map((summary?.rows ?? []).map((r) => [(r.periodStart ?? '').slice(0, 10), r]));
  const rows = days.map((day) => ({ day, calls: byDay.get(day)?.calls ?? 0, cost: byDay.get(day)?.cost ?? '0' }));
  return { rows, categories: rows.map((r) => label(r.day)), values: rows.map((r) => Number(r.cost)) };
}

export function OverviewPage() {
  const { t } = useTranslation();
  const session = useLoggedIn();
  return (
    <div className="bl-stack">
      <h1>{t('overview.title')}</h1>
      {can(session, 'registrations:read') && <PhonesPerSite />}
      {can(session, 'reports:read') && <SpendToday />}
    </div>
  );
}
