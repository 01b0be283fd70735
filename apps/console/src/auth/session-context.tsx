import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createApiClient, type ApiClient } from '../api/client';
import { clearSession, loadSession, saveSession, sessionExpiry, type Session } from './session';

export type EndReason = 'expired' | 'logged-out';

interface SessionContextValue {
  session: Session | null;
  api: ApiClient;
  /** Why the last session ended, for the login page to say. */
  ended: EndReason | null;
  login(email: string, password: string): Promise<void>;
  logout(reason?: EndReason): void;
  /** Re-reads the sites after one was created or changed (every page's site lists come from the session). */
  refreshSites(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

async function readSites(api: ApiClient): Promise<Pick<Session, 'sites' | 'timeZone'>> {
  const sites = await api.get('/api/v1/sites', { query: { pageSize: 500, sort: 'createdAt' } });
  return {
    // accounts counts report days in the tenant's first site's zone (UTC without sites).
    timeZone: sites.data[0]?.timeZone ?? 'UTC',
    sites: sites.data.map(({ id, code, name, timeZone }) => ({ id, code, name, timeZone })),
  };
}

async function openSession(api: ApiClient, token: string, expiresAt: number): Promise<Session> {
  const me = await api.get('/api/v1/auth/me');
  const [tenant, sites] = await Promise.all([api.get('/api/v1/tenant'), readSites(api)]);
  return { token, expiresAt, me, tenant: { name: tenant.name, currency: tenant.currency, countryCode: tenant.countryCode }, ...sites };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => loadSession(Date.now()));
  const [ended, setEnded] = useState<EndReason | null>(null);
  const token = useRef<string | null>(session?.token ?? null);
  token.current = session?.token ?? null;

  const logout = useCallback((reason: EndReason = 'logged-out') => {
    clearSession();
    token.current = null;
    setSession(null);
    setEnded(reason);
  }, []);

  const api = useMemo(() => createApiClient({ token: () => token.current, onUnauthorized: () => logout('expired') }), [logout]);

  // The session ends when the token does, whether or not a request notices.
  useEffect(() => {
    if (!session) return;
    const timer = setTimeout(() => logout('expired'), Math.max(0, session.expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [session, logout]);

  const login = useCallback(
    async (email: string, password: string) => {
      const answer = await api.post('/api/v1/auth/login', { body: { email, password } });
      token.current = answer.accessToken;
      const opened = await openSession(api, answer.accessToken, sessionExpiry(answer.accessToken, answer.expiresIn, Date.now()));
      saveSession(opened);
      setEnded(null);
      setSession(opened);
    },
    [api],
  );

  const refreshSites = useCallback(async () => {
    const sites = await readSites(api);
    setSession((s) => {
      if (!s) return s;
      const next = { ...s, ...sites };
      saveSession(next);
      return next;
    });
  }, [api]);

  const value = useMemo(() => ({ session, api, ended, login, logout, refreshSites }), [session, api, ended, login, logout, refreshSites]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The logged-in session (pages behind RequireSession only). */
export function useLoggedIn(): Session & { api: ApiClient } {
  const { session, api } = useSession();
  if (!session) throw new Error('useLoggedIn without a session');
  return { ...session, api };
}
