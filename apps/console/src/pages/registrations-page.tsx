import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/problem';
import type { Registration } from '../api/types';
import { ownSites } from '../auth/session';
import { useLoggedIn } from '../auth/session-context';
import { useFormat } from '../data/use-format';
import { useLoad } from '../data/use-load';
import { Alert, DataTable, SelectField } from '../ui';
import { REGISTRATIONS_POLL_MS } from './phones-per-site';
import { siteOptions } from './site-options';

/** Who is registered now, refreshed every few seconds (a live event stream replaces the polling later). */
export function RegistrationsPage() {
  const { t } = useTranslation();
  const session = useLoggedIn();
  const fmt = useFormat();
  const [siteId, setSiteId] = useState('');
  const regs = useLoad(() => session.api.get('/api/v1/registrations', { query: { siteId: siteId || undefined, pageSize: 500 } }), siteId, REGISTRATIONS_POLL_MS);
  const unavailable = regs.error instanceof ApiError && regs.error.status === 503;
  return (
    <div className="bl-stack">
      <h1>{t('registrations.title')}</h1>
      <p className="bl-muted">{t('registrations.polling', { seconds: REGISTRATIONS_POLL_MS / 1000 })}</p>
      <div className="bl-row">
        <SelectField label={t('common.site')} value={siteId} onChange={(e) => setSiteId(e.target.value)} options={siteOptions(ownSites(session), t('common.all'))} />
      </div>
      {regs.error && <Alert kind="error">{unavailable ? t('registrations.unavailable') : regs.error.message}</Alert>}
      {regs.data?.truncated && <Alert kind="info">{t('registrations.truncated')}</Alert>}
      <div aria-live="polite" className="bl-muted">
        {regs.data ? t('registrations.count', { count: regs.data.total }) : ''}
      </div>
      <DataTable<Registration>
        caption={t('registrations.title')}
        columns={[
          { key: 'number', header: t('extensions.number'), cell: (r) => r.number },
          { key: 'name', header: t('extensions.displayName'), cell: (r) => r.displayName },
          { key: 'site', header: t('common.site'), cell: (r) => r.siteCode },
          { key: 'contact', header: t('registrations.contact'), cell: (r) => <span className="bl-mono">{r.contact}</span> },
          { key: 'source', header: t('registrations.source'), cell: (r) => `${r.source.address}:${r.source.port} (${r.source.transport})` },
          { key: 'ua', header: t('registrations.userAgent'), cell: (r) => r.userAgent ?? '–' },
          { key: 'since', header: t('registrations.since'), cell: (r) => fmt.dateTime(r.registeredAt) },
          { key: 'expires', header: t('registrations.expires'), numeric: true, cell: (r) => t('registrations.inSeconds', { seconds: r.expiresInSeconds }) },
        ]}
        rows={regs.data?.data ?? []}
        rowKey={(r) => `${r.extensionId}|${r.contact}`}
        empty={t('registrations.none')}
      />
    </div>
  );
}
