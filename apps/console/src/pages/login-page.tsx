import { useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/problem';
import { useSession } from '../auth/session-context';
import { changeLanguage, LANGUAGES, type Language } from '../i18n/i18n';
import { Alert, Button, SelectField, TextField } from '../ui';
import './login-page.css';

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const { session, login, ended } = useSession();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (session) return <Navigate to={(location.state as { from?: string } | null)?.from ?? '/'} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email, password);
    } catch (err) {
      const status = err instanceof ApiError ? err.status : 0;
      setError(status === 401 ? t('login.wrong') : status === 429 ? t('login.locked') : t('login.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="bl-login" id="main">
      <form className="bl-card bl-stack bl-login__form" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{t('login.title')}</h1>
        {ended === 'expired' && <Alert kind="info">{t('login.expired')}</Alert>}
        {error && <Alert kind="error">{error}</Alert>}
        <TextField label={t('login.email')} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <TextField label={t('login.password')} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <Button type="submit" disabled={busy}>
          {t('login.submit')}
        </Button>
        <SelectField
          label={t('shell.language')}
          value={i18n.language}
          onChange={(e) => changeLanguage(e.target.value as Language)}
          options={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
        />
      </form>
    </main>
  );
}
