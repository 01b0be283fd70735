import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/problem';
import type { Site } from '../api/types';
import { useLoggedIn } from '../auth/session-context';
import { Alert, Button, Card, SelectField, TextField } from '../ui';
import { createSiteBody, emptySiteForm, siteFormOf, updateSiteBody, type SiteForm } from './site-form-model';

const TIME_ZONES = Intl.supportedValuesOf('timeZone');

/** Creates a site (`editing` null) or edits one; the API's field errors are shown at their fields. */
export function SiteEditor({ editing, onSaved, onCancel }: { editing: Site | null; onSaved: (site: Site) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const session = useLoggedIn();
  const before = editing ? siteFormOf(editing) : emptySiteForm();
  const [form, setForm] = useState<SiteForm>(before);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSaved(editing ? await session.api.patch('/api/v1/sites/{id}', { path: { id: editing.id }, body: updateSiteBody(before, form) }) : await session.api.post('/api/v1/sites', { body: createSiteBody(form) }));
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, String(err), undefined, {}));
    } finally {
      setBusy(false);
    }
  };

  const field = (key: keyof SiteForm, extra: { type?: string; inputMode?: 'numeric' | 'decimal' | 'tel'; required?: boolean; hint?: string } = {}) => (
    <TextField label={t(`sites.fields.${key}`, { currency: session.tenant.currency })} value={form[key]} error={error?.fieldErrors[key]} {...extra} onChange={(e) => setForm((f) => ({ ...f, [key]: e.target.value }))} />
  );
  const unnamedErrors = error && Object.keys(error.fieldErrors).length === 0;
  return (
    <Card title={editing ? t('sites.editTitle', { code: editing.code }) : t('sites.newTitle')} labelledBy="site-editor">
      <form className="bl-stack" onSubmit={submit} noValidate>
        {error && <Alert kind="error">{unnamedErrors ? error.message : t('common.fixFields')}</Alert>}
        <div className="bl-row">
          {field('name', { required: true })}
          {field('code', { required: true, hint: t('sites.codeHint') })}
          {field('extensionRangeStart', { type: 'number', inputMode: 'numeric', required: true })}
          {field('extensionRangeEnd', { type: 'number', inputMode: 'numeric', required: true })}
          {field('dialPrefix', { inputMode: 'numeric' })}
          <SelectField label={t('sites.fields.timeZone')} value={form.timeZone} error={error?.fieldErrors['timeZone']} onChange={(e) => setForm((f) => ({ ...f, timeZone: e.target.value }))} options={TIME_ZONES.map((z) => ({ value: z, label: z }))} />
          {field('countryCode', { required: true })}
          {field('countryCallingCode', { inputMode: 'numeric', required: true })}
          {field('areaCode', { inputMode: 'numeric', required: true })}
          {field('outsideAccessCode', { inputMode: 'numeric' })}
          {field('costCentre')}
          {field('emergencyCallerId', { inputMode: 'tel', hint: t('extensions.externalCallerIdHint') })}
          {field('dailySpendLimit', { inputMode: 'decimal' })}
        </div>
        <div className="bl-row">
          <Button type="submit" disabled={busy}>
            {editing ? t('common.save') : t('sites.create')}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
