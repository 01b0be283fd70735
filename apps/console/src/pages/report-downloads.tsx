import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SummaryQuery } from '../api/types';
import { ownSites } from '../auth/session';
import { useLoggedIn } from '../auth/session-context';
import { saveFile } from '../data/save-file';
import { Alert, Button, SelectField } from '../ui';
import { siteOptions } from './site-options';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The summary as CSV or XLSX, and one site's statement PDF when the period is one calendar month. */
export function ReportDownloads({ query, month }: { query: SummaryQuery; month: string | null }) {
  const { t } = useTranslation();
  const session = useLoggedIn();
  const sites = ownSites(session);
  const [siteId, setSiteId] = useState(sites[0]?.id ?? '');
  const [error, setError] = useState<string | null>(null);
  const file = { ...query, compare: undefined };
  const run = async (download: () => Promise<Parameters<typeof saveFile>[0]>) => {
    setError(null);
    try {
      saveFile(await download());
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section className="bl-row" aria-label={t('reports.downloads')}>
      <Button variant="secondary" onClick={() => run(() => session.api.download('/api/v1/reports/summary', { ...file, format: 'csv', bom: 'true' }, 'text/csv', 'report.csv'))}>
        {t('reports.downloadCsv')}
      </Button>
      <Button variant="secondary" onClick={() => run(() => session.api.download('/api/v1/reports/summary', { ...file, format: 'xlsx' }, XLSX, 'report.xlsx'))}>
        {t('reports.downloadXlsx')}
      </Button>
      {month && sites.length > 0 && (
        <>
          <SelectField label={t('reports.statementSite')} value={siteId} onChange={(e) => setSiteId(e.target.value)} options={siteOptions(sites)} />
          <Button variant="secondary" onClick={() => run(() => session.api.download('/api/v1/reports/statement', { siteId, month }, 'application/pdf', `statement-${month}.pdf`))}>
            {t('reports.downloadPdf', { month })}
          </Button>
        </>
      )}
      {error && <Alert kind="error">{error}</Alert>}
    </section>
  );
}
