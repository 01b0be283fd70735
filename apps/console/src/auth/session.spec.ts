import { can, loadSession, ownSites, saveSession, sessionExpiry, tokenExpiry, type Session } from './session';

const jwt = (claims: object) => `h.${btoa(JSON.stringify(claims)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.sig`;

const session = (over: Partial<Session> = {}): Session => ({
  token: jwt({ exp: 2000 }),
  expiresAt: 2_000_000,
  me: { tenantId: 't', role: 'ADMIN', siteIds: [], actor: { type: 'USER', id: 'u', label: 'Ada' }, permissions: ['extensions:read'] },
  tenant: { name: 'Acme', currency: 'EUR', countryCode: 'DE' },
  timeZone: 'Europe/Berlin',
  sites: [
    { id: 's1', code: 'BER', name: 'Berlin', timeZone: 'Europe/Berlin' },
    { id: 's2', code: 'HAM', name: 'Hamburg', timeZone: 'Europe/Berlin' },
  ],
  ...over,
});

describe('session', () => {
  it('reads the expiry from the JWT exp claim, base64url included', () => {
    expect(tokenExpiry(jwt({ exp: 1700000000, sub: '?>?>' }))).toBe(1700000000000);
    expect(tokenExpiry('not-a-jwt')).toBeNull();
    expect(tokenExpiry(jwt({ sub: 'x' }))).toBeNull();
  });

  it('falls back to expiresIn when the token has no exp', () => {
    expect(sessionExpiry(jwt({}), 3600, 1000)).toBe(3_601_000);
    expect(sessionExpiry(jwt({ exp: 5 }), 3600, 1000)).toBe(5000);
  });

  it('keeps a stored session until its token expires, then forgets it', () => {
    saveSession(session());
    expect(loadSession(1_999_999)?.me.role).toBe('ADMIN');
    expect(loadSession(2_000_000)).toBeNull();
    expect(sessionStorage.length).toBe(0);
  });

  it('answers permissions from the API and limits a site admin to its own sites', () => {
    expect(can(session(), 'extensions:read')).toBe(true);
    expect(can(session(), 'extensions:write')).toBe(false);
    expect(can(null, 'extensions:read')).toBe(false);
    expect(ownSites(session()).map((s) => s.code)).toEqual(['BER', 'HAM']);
    const siteAdmin = session({ me: { ...session().me, role: 'SITE_ADMIN', siteIds: ['s2'] } });
    expect(ownSites(siteAdmin).map((s) => s.code)).toEqual(['HAM']);
  });
});
