import { NavLink, Outlet } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useLoggedIn, useSession } from '../auth/session-context';
import { can } from '../auth/session';
import { changeLanguage, LANGUAGES, type Language } from '../i18n/i18n';
import { Button } from '../ui';
import './shell.css';

/** The pages, each offered only to roles the API lets read it. */
export const PAGES = [
  { path: '/', key: 'overview', permission: null },
  { path: '/sites', key: 'sites', permission: 'sites:read' },
  { path: '/extensions', key: 'extensions', permission: 'extensions:read' },
  { path: '/registrations', key: 'registrations', permission: 'registrations:read' },
  { path: '/explain', key: 'explain', permission: 'dialplan:explain' },
  { path: '/cdrs', key: 'cdrs', permission: 'cdrs:read' },
  { path: '/reports', key: 'reports', permission: 'reports:read' },
] as const;

export function Shell() {
  const { t, i18n } = useTranslation();
  const session = useLoggedIn();
  const { logout } = useSession();
  return (
    <div className="bl-shell">
      <a className="bl-skip" href="#main">
        {t('shell.skip')}
      </a>
      <header className="bl-shell__header">
        <span className="bl-shell__brand">Branchline</span>
        <nav aria-label={t('shell.navigation')}>
          <ul className="bl-shell__nav">
            {PAGES.filter((p) => p.permission === null || can(session, p.permission)).map((p) => (
              <li key={p.path}>
                <NavLink to={p.path} end={p.path === '/'}>
                  {t(`nav.${p.key}`)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="bl-shell__user">
          <span>
            {session.me.actor.label} · {t(`roles.${session.me.role}`)} · {session.tenant.name}
          </span>
          <label className="bl-visually-hidden" htmlFor="language">
            {t('shell.language')}
          </label>
          <select id="language" value={i18n.language} onChange={(e) => changeLanguage(e.target.value as Language)}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t(`languages.${l}`)}
              </option>
            ))}
          </select>
          <Button variant="secondary" small onClick={() => logout()}>
            {t('shell.logout')}
          </Button>
        </div>
      </header>
      <main id="main" className="bl-shell__main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
