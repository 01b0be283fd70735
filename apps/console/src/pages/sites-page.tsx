import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Site } from '../api/types';
import { can, ownSites } from '../auth/session';
import { useLoggedIn, useSession } from '../auth/session-context';
import { useLoad } from '../data/use-load';
import { Alert, Button, DataTable, Pagination, TextField, type Column } from '../ui';
import { SiteEditor } from './site-editor';

const PAGE_SIZE = 25;

type Editor = { kind: 'closed' } | { kind: 'new' } | { kind: 'edit'; site: Site };

/** The branch offices: list, and create (ADMIN) or edit (ADMIN, a SITE_ADMIN its own). */
export function SitesPage() {
  const { t } = useTranslation();
  const session = useLoggedIn();
  const { refreshSites } = useSession();
  const [q, setQ] = useState('');
  const [sort, setSort] = useState('code');
  const [page, setPage] = useState(1);
  const [editor, setEditor] = useState<Editor>({ kind: 'closed' });
  const [notice, setNotice] = useState<string | null>(null);
  const query = { q: q || undefined, sort, page, pageSize: PAGE_SIZE };
  const list = useLoad(() => session.api.get('/api/v1/sites', { query }), JSON.stringify(query));
  const mine = new Set(ownSites(session).map((s) => s.id));

  const columns: Column<Site>[] = [
    { key: 'code', header: t('sites.fields.code'), sort: 'code', cell: (s) => s.code },
    { key: 'name', header: t('sites.fields.name'), sort: 'name', cell: (s) => s.name },
    { key: 'range', header: t('sites.range'), sort: 'extensionRangeStart', cell: (s) => `${s.extensionRangeStart}–${s.extensionRangeEnd}` },
    { key: 'prefix', header: t('sites.fields.dialPrefix'), cell: (s) => s.dialPrefix ?? '–' },
    { key: 'zone', header: t('sites.fields.timeZone'), cell: (s) => s.timeZone },
    { key: 'cc', header: t('sites.fields.costCentre'), cell: (s) => s.costCentre ?? '–' },
  ];
  if (can(session, 'sites:update')) {
    columns.push({
      key: 'actions',
      header: t('common.actions'),
      cell: (s) =>
        mine.has(s.id) ? (
          <Button small variant="secondary" aria-label={t('sites.editOne', { code: s.code })} onClick={() => setEditor({ kind: 'edit', site: s })}>
            {t('common.edit')}
          </Button>
        ) : null,
    });
  }
  const saved = async (site: Site) => {
    setEditor({ kind: 'closed' });
    setNotice(t('sites.saved', { code: site.code }));
    list.reload();
    await refreshSites();
  };

  return (
    <div className="bl-stack">
      <div className="bl-row">
        <h1>{t('sites.title')}</h1>
        {can(session, 'sites:create') && editor.kind === 'closed' && <Button onClick={() => setEditor({ kind: 'new' })}>{t('sites.new')}</Button>}
      </div>
      {notice && <Alert kind="success">{notice}</Alert>}
      {editor.kind !== 'closed' && <SiteEditor key={editor.kind === 'edit' ? editor.site.id : 'new'} editing={editor.kind === 'edit' ? editor.site : null} onSaved={(s) => void saved(s)} onCancel={() => setEditor({ kind: 'closed' })} />}
      <form className="bl-row" role="search" onSubmit={(e) => e.preventDefault()}>
        <TextField label={t('sites.search')} type="search" value={q} onChange={(e) => { setQ(e.target.value); setPage(1); }} />
      </form>
      {list.error && <Alert kind="error">{list.error.message}</Alert>}
      <DataTable caption={t('sites.title')} columns={columns} rows={list.data?.data ?? []} rowKey={(s) => s.id} sort={sort} onSort={(s) => { setSort(s); setPage(1); }} />
      {list.data && <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />}
    </div>
  );
}
