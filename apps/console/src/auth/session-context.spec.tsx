import { act, render, screen } from '@testing-library/react';
import { saveSession, type Session } from './session';
import { SessionProvider, useSession } from './session-context';

function WhoIsIn() {
  const { session, ended } = useSession();
  return <p>{session ? `in as ${session.me.role}` : `out (${ended ?? 'never in'})`}</p>;
}

const NOW = Date.UTC(2026, 11, 3, 9, 0, 0);

const stored = (expiresAt: number): Session => ({
  token: 'h.e30.s',
  expiresAt,
  me: { tenantId: 't', role: 'FINANCE', siteIds: null, actor: { type: 'USER', id: 'u', label: 'Fiona' }, permissions: ['reports:read'] },
  tenant: { name: 'Acme', currency: 'EUR', countryCode: 'DE' },
  timeZone: 'Europe/Berlin',
  sites: [],
});

describe('SessionProvider', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(NOW);
    sessionStorage.clear();
  });
  afterEach(() => jest.useRealTimers());

  it('ends the session the moment the token expires, without waiting for a request to fail', () => {
    saveSession(stored(NOW + 5000));
    render(
      <SessionProvider>
        <WhoIsIn />
      </SessionProvider>,
    );
    expect(screen.getByText('in as FINANCE')).toBeTruthy();
    act(() => jest.advanceTimersByTime(4999));
    expect(screen.getByText('in as FINANCE')).toBeTruthy();
    act(() => jest.advanceTimersByTime(1));
    expect(screen.getByText('out (expired)')).toBeTruthy();
    expect(sessionStorage.length).toBe(0);
  });

  it('does not resume a stored session whose token has expired', () => {
    saveSession(stored(NOW - 1));
    render(
      <SessionProvider>
        <WhoIsIn />
      </SessionProvider>,
    );
    expect(screen.getByText('out (never in)')).toBeTruthy();
  });
});
