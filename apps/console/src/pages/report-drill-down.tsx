import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportRow, SummaryQuery } from '../api/types';
import { useLoggedIn } from '../auth/session-context';
import { saveFile } from '../data/save-file';
import { useLoad } from '../data/use-load';
import { Alert, Button, Card, Pagination } from '../ui';
import { CdrTable } from './cdr-table';
import { drillQuery, rowLabel, type GroupKey } from './report-model';

const PAGE_SIZE = 25;

/** The calls behind one summary row, from /reports/cdrs with the row's key values as filters. */
export function ReportDrillDown({ summary, row, groupBy, onClose }: { summary: SummaryQuery; row: ReportRow; groupBy: readonly GroupKey[]; onClose: () => void }) {
  const { t } = useTranslation();
  const session = useLoggedIn();
  const [page, setPage] = useState(1);
  const [failure, setFailure] = useState<string | null>(null);
  const filters = drillQuery(summary, row, groupBy);
  const query = { ...filters, page, pageSize: PAGE_SIZE };
  const calls = useLoad(() => session.api.get('/api/v1/reports/cdrs', { query }), JSON.stringify(query));
  const label = rowLabel(row, groupBy, t('reports.none'));
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [label]);
  return (
    <Card>
      <div className="bl-stack">
        <h2 ref={heading} tabIndex={-1}>
          {t('reports.drillTitle', { row: label })}
        </h2>
        <div className="bl-row">
          <Button variant="secondary" onClick={() => session.api.download('/api/v1/reports/cdrs', { ...filters, format: 'csv', bom: 'true' }, 'text/csv', 'calls.csv').then(saveFile, (e: Error) => setFailure(e.message))}>
            {t('reports.downloadCsv')}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {t('common.close')}
          </Button>
        </div>
        {failure && <Alert kind="error">{failure}</Alert>}
        {calls.error && <Alert kind="error">{calls.error.message}</Alert>}
        <CdrTable caption={t('reports.drillTitle', { row: label })} rows={calls.data?.data ?? []} />
        {calls.data && <Pagination page={page} pageSize={PAGE_SIZE} total={calls.data.total} onPage={setPage} />}
      </div>
    </Card>
  );
}
