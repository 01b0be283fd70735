import type { CallerExtension, GatewayPeer, TenantRealm } from '../data/directory.repository';
import { callContext, type InboundCallee, type InviteFacts } from './call-context';

const invite: InviteFacts = { callId: 'c-1@phone', dialedNumber: '2001', sourceIp: '192.0.2.10', userAgent: 'Yealink T46', startedAtMs: 1_700_000_000_000 };
const realm: TenantRealm = { tenantId: 't-1', realm: 'acme.example', currency: 'EUR' };
const caller: CallerExtension = {
  tenantId: 't-1',
  extensionId: 'ext-1001',
  number: '1001',
  displayName: 'Alice',
  sipUsername: 'alice',
  ha1Md5: 'md5',
  ha1Sha256: 'sha',
  enabled: true,
  classOfService: 'NATIONAL',
  externalCallerId: null,
  site: {
    id: 'site-ber',
    costCentre: 'CC-BER',
    countryCode: 'DE',
    countryCallingCode: '49',
    areaCode: '30',
    outsideAccessCode: '0',
    emergencyCallerId: null,
    maxConcurrentCalls: null,
    timeZone: 'Europe/Berlin',
    dailySpendLimit: null,
    maxInternationalCallSeconds: null,
  },
  dailySpendLimit: null,
};
const fromCaller = {
  callId: 'c-1@phone',
  tenantId: 't-1',
  currency: 'EUR',
  callerNumber: '1001',
  callerName: 'Alice',
  callerExtensionId: 'ext-1001',
  siteId: 'site-ber',
  costCentre: 'CC-BER',
  dialedNumber: '2001',
  sourceIp: '192.0.2.10',
  userAgent: 'Yealink T46',
  startedAtMs: 1_700_000_000_000,
};
const gateway: GatewayPeer = { tenantId: 't-1', gatewayId: 'gw-1', name: 'telco-a', currency: 'EUR' };
const callee: InboundCallee = { extensionId: 'ext-2001', number: '2001', sipUsername: 'bob', enabled: true, siteId: 'site-ham', costCentre: 'CC-HAM' };

describe('callContext', () => {
  it('gives a call between extensions the caller’s tenant, site and cost centre, and the callee', () => {
    expect(callContext(invite, { kind: 'internal', realm, caller, callee })).toStrictEqual({ ...fromCaller, direction: 'INTERNAL', calleeExtensionId: 'ext-2001' });
  });

  it.each([
    ['an outside call as OUTBOUND with its E.164 number', { kind: 'external', e164: '+49301234567', category: 'national' } as const, 'OUTBOUND', '+49301234567'],
    ['an emergency call as EMERGENCY with the number as dialled', { kind: 'emergency', number: '112' } as const, 'EMERGENCY', '112'],
  ])('records %s and no callee', (_what, dest, direction, normalizedNumber) => {
    expect(callContext(invite, { kind: 'outside', realm, caller, dest })).toStrictEqual({ ...fromCaller, direction, calleeExtensionId: null, normalizedNumber });
  });

  it('gives a trunk’s call to a DID the DID’s site, the callee’s cost centre, the gateway and no calling extension', () => {
    const ctx = callContext(invite, { kind: 'inbound', gateway, callerNumber: '+4940555', did: { didNumber: '+49302001', siteId: 'site-ber' }, callee });
    expect(ctx).toStrictEqual({
      callId: 'c-1@phone',
      tenantId: 't-1',
      currency: 'EUR',
      direction: 'INBOUND',
      callerNumber: '+4940555',
      callerName: null,
      callerExtensionId: null,
      siteId: 'site-ber',
      costCentre: 'CC-HAM',
      dialedNumber: '2001',
      calleeExtensionId: 'ext-2001',
      sourceIp: '192.0.2.10',
      userAgent: 'Yealink T46',
      startedAtMs: 1_700_000_000_000,
      normalizedNumber: '+49302001',
      gatewayId: 'gw-1',
    });
  });

  it('puts an inbound call on the callee’s site when its DID has none, and keeps at most 64 characters of the caller’s number', () => {
    const ctx = callContext(invite, { kind: 'inbound', gateway, callerNumber: '9'.repeat(80), did: { didNumber: '+49302001', siteId: null }, callee });
    expect(ctx.siteId).toBe('site-ham');
    expect(ctx.callerNumber).toBe('9'.repeat(64));
  });
});
