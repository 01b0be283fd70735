import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/problem';
import { CLASSES_OF_SERVICE, type CreatedExtension, type Extension } from '../api/types';
import { ownSites } from '../auth/session';
import { useLoggedIn } from '../auth/session-context';
import { Alert, Button, Card, CheckField, SelectField, TextField } from '../ui';
import { createBody, emptyForm, formOf, updateBody, type ExtensionForm } from './extension-form-model';
import { siteOptions } from './site-options';

/**
 * Creates an extension (`editing` null) or edits one. The API's field errors
 * are shown at their fields; a new extension's password goes to `onCreated`.
 */
export function ExtensionEditor({ editing, onCreated, onSaved, onCancel }: { editing: Extension | null; onCreated: (e: CreatedExtension) => void; onSaved: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const session = useLoggedIn();
  const sites = ownSites(session);
  const before = editing ? formOf(editing) : emptyForm(sites[0]?.id ?? '');
  const [form, setForm] = useState<ExtensionForm>(before);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof ExtensionForm>(key: K, value: ExtensionForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const fieldError = (name: string) => error?.fieldErrors[name];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (editing) {
        await session.api.patch('/api/v1/extensions/{id}', { path: { id: editing.id }, body: updateBody(before, form) });
        onSaved();
      } else {
        onCreated(await session.api.post('/api/v1/extensions', { body: createBody(form) }));
      }
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, String(err), undefined, {}));
    } finally {
      setBusy(false);
    }
  };

  const title = editing ? t('extensions.editTitle', { number: editing.number }) : t('extensions.newTitle');
  const unnamedErrors = error && Object.keys(error.fieldErrors).length === 0;
  return (
    <Card title={title} labelledBy="extension-editor">
      <form className="bl-stack" onSubmit={submit} noValidate>
        {error && <Alert kind="error">{unnamedErrors ? error.message : t('common.fixFields')}</Alert>}
        <div className="bl-row">
          <SelectField label={t('common.site')} value={form.siteId} error={fieldError('siteId')} onChange={(e) => set('siteId', e.target.value)} options={siteOptions(sites)} />
          <TextField label={t('extensions.number')} value={form.number} error={fieldError('number')} inputMode="numeric" required onChange={(e) => set('number', e.target.value)} />
          <TextField label={t('extensions.displayName')} value={form.displayName} error={fieldError('displayName')} required onChange={(e) => set('displayName', e.target.value)} />
          <SelectField label={t('extensions.classOfService')} value={form.classOfService} error={fieldError('classOfService')} onChange={(e) => set('classOfService', e.target.value as ExtensionForm['classOfService'])} options={CLASSES_OF_SERVICE.map((c) => ({ value: c, label: t(`cos.${c}`) }))} />
          <TextField label={t('extensions.externalCallerId')} value={form.externalCallerId} error={fieldError('externalCallerId')} hint={t('extensions.externalCallerIdHint')} onChange={(e) => set('externalCallerId', e.target.value)} />
          <TextField label={t('extensions.dailySpendLimit', { currency: session.tenant.currency })} value={form.dailySpendLimit} error={fieldError('dailySpendLimit')} inputMode="decimal" onChange={(e) => set('dailySpendLimit', e.target.value)} />
          <CheckField label={t('extensions.enabled')} checked={form.enabled} onChange={(e) => set('enabled', e.target.checked)} />
        </div>
        <div className="bl-row">
          <Button type="submit" disabled={busy}>
            {editing ? t('common.save') : t('extensions.create')}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
