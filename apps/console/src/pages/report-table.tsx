import { useTranslation } from 'react-i18next';
import type { ReportRow } from '../api/types';
import { useFormat } from '../data/use-format';
import { Button, DataTable, type Column } from '../ui';
import { rowLabel, type GroupKey } from './report-model';

/** A summary's rows with their figures, the change against the previous period, and a way into the calls. */
export function ReportTable({ rows, groupBy, compare, onDrill }: { rows: ReportRow[]; groupBy: readonly GroupKey[]; compare: boolean; onDrill: (row: ReportRow) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const none = t('reports.none');
  const columns: Column<ReportRow>[] = [
    { key: 'row', header: groupBy.map((k) => t(`reports.keys.${k}`)).join(' · '), cell: (r) => rowLabel(r, groupBy, none) },
    { key: 'calls', header: t('reports.calls'), numeric: true, cell: (r) => fmt.number(r.calls) },
    { key: 'answered', header: t('reports.answered'), numeric: true, cell: (r) => fmt.number(r.answered) },
    { key: 'billable', header: t('cdrs.billable'), numeric: true, cell: (r) => fmt.duration(r.billableSeconds) },
    { key: 'cost', header: t('reports.cost'), numeric: true, cell: (r) => fmt.money(r.cost) },
  ];
  if (compare) columns.push({ key: 'change', header: t('reports.change'), numeric: true, cell: (r) => fmt.percent(r.change?.cost.percent) });
  columns.push({
    key: 'drill',
    header: t('common.actions'),
    cell: (r) => (
      <Button small variant="secondary" aria-label={t('reports.drillOne', { row: rowLabel(r, groupBy, none) })} onClick={() => onDrill(r)}>
        {t('reports.drill')}
      </Button>
    ),
  });
  return <DataTable caption={t('reports.rows')} columns={columns} rows={rows} rowKey={(r) => rowLabel(r, groupBy, none)} />;
}
