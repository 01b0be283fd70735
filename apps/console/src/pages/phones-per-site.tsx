import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/problem';
import { ownSites } from '../auth/session';
import { useLoggedIn } from '../auth/session-context';
import { useFormat } from '../data/use-format';
import { useLoad } from '../data/use-load';
import { Alert, Card, DataTable } from '../ui';

export const REGISTRATIONS_POLL_MS = 3000;

/** Phones registered now, per site (the registrar's answer, refreshed every few seconds). */
export function PhonesPerSite() {
  const { t } = useTranslation();
  const session = useLoggedIn();
  const fmt = useFormat();
  const regs = useLoad(() => session.api.get('/api/v1/registrations', { query: { pageSize: 500 } }), 'all', REGISTRATIONS_POLL_MS);
  const counts = new Map<string, number>();
  for (const r of regs.data?.data ?? []) counts.set(r.siteId, (counts.get(r.siteId) ?? 0) + 1);
  const rows = ownSites(session).map((s) => ({ ...s, phones: counts.get(s.id) ?? 0 }));
  const unavailable = regs.error instanceof ApiError && regs.error.status === 503;
  return (
    <Card title={t('overview.phones')} labelledBy="phones-per-site">
      {regs.error && <Alert kind="error">{unavailable ? t('registrations.unavailable') : regs.error.message}</Alert>}
      <DataTable
        caption={t('overview.phones')}
        columns={[
          { key: 'site', header: t('common.site'), cell: (r) => `${r.code} · ${r.name}` },
          { key: 'phones', header: t('overview.registeredNow'), numeric: true, cell: (r) => (regs.data ? fmt.number(r.phones) : '…') },
        ]}
        rows={rows}
        rowKey={(r) => r.id}
      />
    </Card>
  );
}
