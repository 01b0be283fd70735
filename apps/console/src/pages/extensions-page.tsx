import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLASSES_OF_SERVICE, type ClassOfService, type CreatedExtension, type Extension } from '../api/types';
import { can, ownSites } from '../auth/session';
import { useLoggedIn } from '../auth/session-context';
import { useLoad } from '../data/use-load';
import { Alert, Button, DataTable, Pagination, SelectField, TextField } from '../ui';
import { extensionColumns } from './extension-columns';
import { ExtensionEditor } from './extension-editor';
import { PasswordOnce } from './password-once';
import { siteOptions } from './site-options';

const PAGE_SIZE = 25;

type Editor = { kind: 'closed' } | { kind: 'new' } | { kind: 'edit'; extension: Extension };

function useExtensionList() {
  const session = useLoggedIn();
  const [q, setQ] = useState('');
  const [siteId, setSiteId] = useState('');
  const [classOfService, setClassOfService] = useState('');
  const [sort, setSort] = useState('number');
  const [page, setPage] = useState(1);
  const query = { q: q || undefined, siteId: siteId || undefined, classOfService: (classOfService || undefined) as ClassOfService | undefined, sort, page, pageSize: PAGE_SIZE };
  const list = useLoad(() => session.api.get('/api/v1/extensions', { query }), JSON.stringify(query));
  const filter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };
  return { list, q, siteId, classOfService, sort, page, setQ: filter(setQ), setSiteId: filter(setSiteId), setClassOfService: filter(setClassOfService), setSort: filter(setSort), setPage };
}

export function ExtensionsPage() {
  const { t } = useTranslation();
  const session = useLoggedIn();
  const l = useExtensionList();
  const [editor, setEditor] = useState<Editor>({ kind: 'closed' });
  const [password, setPassword] = useState<CreatedExtension | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const mayCreate = can(session, 'extensions:write') && ownSites(session).length > 0;
  const reset = async (e: Extension) => {
    setNotice(null);
    setFailure(null);
    try {
      setPassword(await session.api.post('/api/v1/extensions/{id}/reset-password', { path: { id: e.id }, body: {} }));
    } catch (err) {
      setFailure((err as Error).message);
    }
  };
  const columns = extensionColumns(t, session, { edit: (e) => setEditor({ kind: 'edit', extension: e }), resetPassword: (e) => void reset(e) });

  const closeEditor = () => setEditor({ kind: 'closed' });
  return (
    <div className="bl-stack">
      <div className="bl-row">
        <h1>{t('extensions.title')}</h1>
        {mayCreate && editor.kind === 'closed' && <Button onClick={() => setEditor({ kind: 'new' })}>{t('extensions.new')}</Button>}
      </div>
      {notice && <Alert kind="success">{notice}</Alert>}
      {failure && <Alert kind="error">{failure}</Alert>}
      {password && <PasswordOnce extension={password} onDone={() => setPassword(null)} />}
      {editor.kind !== 'closed' && (
        <ExtensionEditor
          key={editor.kind === 'edit' ? editor.extension.id : 'new'}
          editing={editor.kind === 'edit' ? editor.extension : null}
          onCreated={(created) => {
            closeEditor();
            setPassword(created);
            l.list.reload();
          }}
          onSaved={() => {
            closeEditor();
            setNotice(t('extensions.saved'));
            l.list.reload();
          }}
          onCancel={closeEditor}
        />
      )}
      <form className="bl-row" role="search" onSubmit={(e) => e.preventDefault()}>
        <TextField label={t('extensions.search')} type="search" value={l.q} onChange={(e) => l.setQ(e.target.value)} />
        <SelectField label={t('common.site')} value={l.siteId} onChange={(e) => l.setSiteId(e.target.value)} options={siteOptions(ownSites(session), t('common.all'))} />
        <SelectField label={t('extensions.classOfService')} value={l.classOfService} onChange={(e) => l.setClassOfService(e.target.value)} options={[{ value: '', label: t('common.all') }, ...CLASSES_OF_SERVICE.map((c) => ({ value: c, label: t(`cos.${c}`) }))]} />
      </form>
      {l.list.error && <Alert kind="error">{l.list.error.message}</Alert>}
      <DataTable caption={t('extensions.title')} columns={columns} rows={l.list.data?.data ?? []} rowKey={(e) => e.id} sort={l.sort} onSort={l.setSort} />
      {l.list.data && <Pagination page={l.page} pageSize={PAGE_SIZE} total={l.list.data.total} onPage={l.setPage} />}
    </div>
  );
}
