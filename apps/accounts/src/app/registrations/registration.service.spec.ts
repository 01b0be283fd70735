import type { RegistrationView } from '@branchline/contracts';
import { withPresence, type ExtensionView } from '../extensions/extension.view';
import type { Registration } from './registration.dto';
import { compareRegistrations, toRegistration } from './registration.service';

const reg = (number: string, registeredAt: string, expiresAt: string, contact = `sip:${number}@x`) =>
  ({ number, registeredAt, expiresAt, contact }) as Registration;

describe('compareRegistrations', () => {
  const rows = [
    reg('2000', '2026-01-01T10:00:00.000Z', '2026-01-01T11:00:00.000Z'),
    reg('1000', '2026-01-01T09:00:00.000Z', '2026-01-01T12:00:00.000Z', 'sip:1000@a'),
    reg('1000', '2026-01-01T09:30:00.000Z', '2026-01-01T09:45:00.000Z', 'sip:1000@b'),
  ];
  const order = (sort?: string) => [...rows].sort(compareRegistrations(sort)).map((r) => r.contact);

  it.each([
    ['number, newest registration first (default)', undefined, ['sip:1000@b', 'sip:1000@a', 'sip:2000@x']],
    ['-number', '-number', ['sip:2000@x', 'sip:1000@a', 'sip:1000@b']],
    ['expiresAt', 'expiresAt', ['sip:1000@b', 'sip:2000@x', 'sip:1000@a']],
    ['-registeredAt', '-registeredAt', ['sip:2000@x', 'sip:1000@b', 'sip:1000@a']],
  ])('orders by %s', (_label, sort, expected) => {
    expect(order(sort)).toEqual(expected);
  });
});

describe('toRegistration', () => {
  it('counts the seconds left and shows a missing user agent as null', () => {
    const view: RegistrationView = {
      tenantId: 't',
      extensionId: 'e',
      user: '1001',
      contact: 'sip:1001@10.0.0.1',
      source: { address: '192.0.2.1', port: 5060, transport: 'udp' },
      expiresAt: '2026-01-01T10:05:00.000Z',
      registeredAt: '2026-01-01T10:00:00.000Z',
      registrar: 'r1',
    };
    const ext = { id: 'ext-1', number: '1001', displayName: 'Anna', sipUsername: '1001', siteId: 's1', site: { code: 'BER' } };
    const r = toRegistration(view, ext, Date.parse('2026-01-01T10:01:00.000Z'));
    expect(r).toMatchObject({ extensionId: 'ext-1', siteCode: 'BER', userAgent: null, expiresInSeconds: 240 });
    expect(toRegistration(view, ext, Date.parse('2026-01-01T11:00:00.000Z')).expiresInSeconds).toBe(0);
  });
});

describe('withPresence', () => {
  const view = { sipUsername: '1001' } as ExtensionView;
  it.each([
    ['registered twice', new Map([['1001', 2]]), { online: true, registrations: 2 }],
    ['not registered', new Map<string, number>(), { online: false, registrations: 0 }],
    ['unknown (no registrar)', null, { online: null, registrations: null }],
  ])('shows an extension %s', (_what, presence, expected) => {
    expect(withPresence(view, presence)).toMatchObject(expected);
  });
});
