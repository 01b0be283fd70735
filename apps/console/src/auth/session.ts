import type { Me, Permission, Site, Tenant } from '../api/types';

/** Who is logged in, until when, and the tenant facts every page formats with. */
export interface Session {
  token: string;
  /** Epoch milliseconds when the JWT expires: the session ends then. */
  expiresAt: number;
  me: Me;
  tenant: Pick<Tenant, 'name' | 'currency' | 'countryCode'>;
  /** The zone reports count days in: the tenant's first site's, as accounts does (UTC without sites). */
  timeZone: string;
  sites: Array<Pick<Site, 'id' | 'code' | 'name' | 'timeZone'>>;
}

const KEY = 'branchline.session';

/** The JWT's `exp` claim in milliseconds, or null when the token carries none. */
export function tokenExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof json.exp === 'number' ? json.exp * 1000 : null;
  } catch {
    return null;
  }
}

/** When the session ends: the token's own expiry, else what the login answer said. */
export function sessionExpiry(token: string, expiresInSeconds: number, now: number): number {
  return tokenExpiry(token) ?? now + expiresInSeconds * 1000;
}

// sessionStorage: the session survives a reload but not the closed tab, and each tab logs in on its own.
export function saveSession(s: Session, storage: Storage = sessionStorage): void {
  storage.setItem(KEY, JSON.stringify(s));
}

export function clearSession(storage: Storage = sessionStorage): void {
  storage.removeItem(KEY);
}

/** The stored session while its token is still valid; an expired one is removed. */
export function loadSession(now: number, storage: Storage = sessionStorage): Session | null {
  const raw = storage.getItem(KEY);
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Session;
    if (typeof s.token === 'string' && s.expiresAt > now) return s;
  } catch {
    // unreadable: treated as logged out
  }
  clearSession(storage);
  return null;
}

export function can(session: Session | null, permission: Permission): boolean {
  return !!session?.me.permissions.includes(permission);
}

/**
 * The sites this user works with (and may change things in, with the write
 * permission): a SITE_ADMIN's own, every site for the roles that act tenant-wide.
 */
export function ownSites(session: Session): Session['sites'] {
  const own = session.me.siteIds;
  if (session.me.role !== 'SITE_ADMIN' || own === null) return session.sites;
  return session.sites.filter((s) => own.includes(s.id));
}
