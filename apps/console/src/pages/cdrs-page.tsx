import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DIRECTIONS, DISPOSITIONS, type CdrQuery } from '../api/types';
import { ownSites } from '../auth/session';
import { useLoggedIn } from '../auth/session-context';
import { useLoad } from '../data/use-load';
import { localDay, monthStart } from '../format/format';
import { Alert, Pagination, SelectField, TextField } from '../ui';
import { CdrTable } from './cdr-table';
import { siteOptions } from './site-options';

const PAGE_SIZE = 50;

export function CdrsPage() {
  const { t } = useTranslation();
  const session = useLoggedIn();
  const today = localDay(new Date(), session.timeZone);
  const [filters, setFilters] = useState({ from: monthStart(today), to: today, siteId: '', direction: '', disposition: '' });
  const [sort, setSort] = useState('-startedAt');
  const [page, setPage] = useState(1);
  const change = (key: keyof typeof filters, value: string) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setPage(1);
  };
  // Dates are local calendar days in the site's (else the tenant's) zone, `to` included, as the API reads them.
  const query: CdrQuery = {
    from: filters.from || undefined,
    to: filters.to || undefined,
    siteId: filters.siteId || undefined,
    direction: (filters.direction || undefined) as CdrQuery['direction'],
    disposition: (filters.disposition || undefined) as CdrQuery['disposition'],
    sort,
    page,
    pageSize: PAGE_SIZE,
  };
  const cdrs = useLoad(() => session.api.get('/api/v1/cdrs', { query }), JSON.stringify(query));
  const all = { value: '', label: t('common.all') };
  return (
    <div className="bl-stack">
      <h1>{t('cdrs.title')}</h1>
      <form className="bl-row" role="search" onSubmit={(e) => e.preventDefault()}>
        <TextField label={t('common.from')} type="date" value={filters.from} onChange={(e) => change('from', e.target.value)} />
        <TextField label={t('common.to')} type="date" value={filters.to} onChange={(e) => change('to', e.target.value)} />
        <SelectField label={t('common.site')} value={filters.siteId} onChange={(e) => change('siteId', e.target.value)} options={siteOptions(ownSites(session), t('common.all'))} />
        <SelectField label={t('cdrs.direction')} value={filters.direction} onChange={(e) => change('direction', e.target.value)} options={[all, ...DIRECTIONS.map((d) => ({ value: d, label: t(`directions.${d}`) }))]} />
        <SelectField label={t('cdrs.disposition')} value={filters.disposition} onChange={(e) => change('disposition', e.target.value)} options={[all, ...DISPOSITIONS.map((d) => ({ value: d, label: t(`dispositions.${d}`) }))]} />
      </form>
      {cdrs.error && <Alert kind="error">{cdrs.error.message}</Alert>}
      <CdrTable caption={t('cdrs.title')} rows={cdrs.data?.data ?? []} sort={sort} onSort={setSort} />
      {cdrs.data && <Pagination page={page} pageSize={PAGE_SIZE} total={cdrs.data.total} onPage={setPage} />}
    </div>
  );
}
