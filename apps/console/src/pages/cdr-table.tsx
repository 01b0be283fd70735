import { useTranslation } from 'react-i18next';
import type { Cdr } from '../api/types';
import { useLoggedIn } from '../auth/session-context';
import { useFormat } from '../data/use-format';
import { DataTable } from '../ui';

/** Call records as /cdrs and the reports' drill-down list them. */
export function CdrTable({ caption, rows, sort, onSort }: { caption: string; rows: Cdr[]; sort?: string; onSort?: (s: string) => void }) {
  const { t } = useTranslation();
  const session = useLoggedIn();
  const fmt = useFormat();
  const site = (id: string | null) => session.sites.find((s) => s.id === id)?.code ?? '–';
  return (
    <DataTable<Cdr>
      caption={caption}
      sort={sort}
      onSort={onSort}
      columns={[
        { key: 'startedAt', header: t('cdrs.startedAt'), sort: 'startedAt', cell: (c) => fmt.dateTime(c.startedAt) },
        { key: 'direction', header: t('cdrs.direction'), cell: (c) => t(`directions.${c.direction}`) },
        { key: 'caller', header: t('cdrs.caller'), cell: (c) => c.callerNumber },
        { key: 'dialed', header: t('cdrs.dialed'), cell: (c) => c.dialedNumber },
        { key: 'site', header: t('common.site'), cell: (c) => site(c.siteId) },
        { key: 'disposition', header: t('cdrs.disposition'), cell: (c) => t(`dispositions.${c.disposition}`) },
        { key: 'duration', header: t('cdrs.billable'), sort: 'durationSec', numeric: true, cell: (c) => fmt.duration(c.billableSec) },
        { key: 'cost', header: t('reports.cost'), sort: 'cost', numeric: true, cell: (c) => (c.cost == null ? '–' : fmt.money(c.cost)) },
      ]}
      rows={rows}
      rowKey={(c) => c.id}
    />
  );
}
