import type { CallContext } from '../invite/call-context';
import { internalCdr, pstnCdr } from './cdr-pricing';

const ctx: CallContext = {
  callId: 'c1',
  tenantId: 't',
  currency: 'EUR',
  direction: 'INTERNAL',
  callerNumber: '1000',
  callerName: 'A',
  callerExtensionId: 'e1',
  siteId: 's1',
  costCentre: 'CC',
  dialedNumber: '2000',
  calleeExtensionId: 'e2',
  sourceIp: '127.0.0.1',
  userAgent: null,
  startedAtMs: 1_000_000,
};

describe('internalCdr', () => {
  it.each([
    // every started second counts, as for outside calls: 10.4 s is 11 s
    ['an answered call the caller hung up', 1_002_000, { endedAtMs: 1_012_400, reason: 'normal-release', status: null, by: 'CALLER' }, 'ANSWERED', 200, 'CALLER', 11],
    ['an answered call the callee hung up', 1_002_000, { endedAtMs: 1_005_000, reason: 'normal-release', status: null, by: 'CALLEE' }, 'ANSWERED', 200, 'CALLEE', 3],
    ['an answered call the server ended', 1_002_000, { endedAtMs: 1_034_000, reason: 'routing-replica-lost', status: null, by: 'SYSTEM' }, 'ANSWERED', 200, 'SYSTEM', 32],
    ['a busy callee', null, { endedAtMs: 1_001_000, reason: 'call-rejected', status: 486, by: null }, 'BUSY', 486, 'CALLEE', 0],
    ['a caller who gave up', null, { endedAtMs: 1_001_000, reason: 'call-canceled', status: 487, by: null }, 'CANCELLED', 487, 'CALLER', 0],
    ['no answer', null, { endedAtMs: 1_060_000, reason: 'call-rejected', status: 408, by: null }, 'NO_ANSWER', 408, 'SYSTEM', 0],
    ['a failure', null, { endedAtMs: 1_000_500, reason: 'call-rejected', status: 500, by: null }, 'FAILED', 500, 'SYSTEM', 0],
  ] as const)('%s', (_name, answeredAt, end, disposition, sipStatus, hangupBy, durationSec) => {
    const cdr = internalCdr('id', ctx, answeredAt, end);
    expect(cdr).toMatchObject({ disposition, sipStatus, hangupBy, durationSec, billableSec: 0, cost: '0.00000', direction: 'INTERNAL' });
    expect(Date.parse(cdr.endedAt)).toBeGreaterThanOrEqual(Date.parse(cdr.startedAt));
  });
});

describe('pstnCdr', () => {
  const out: CallContext = { ...ctx, direction: 'OUTBOUND', calleeExtensionId: null, dialedNumber: '00301234567', normalizedNumber: '+49301234567' };
  const rate = { rateDeckId: 'd1', prefix: '4930', description: 'Berlin', currency: 'EUR', connectFee: '0.00000', pricePerMinute: '0.01900', initialIncrement: 60, subsequentIncrement: 60 };
  const answered = { routeId: 'r1', gatewayId: 'g1', rate, answeredAtMs: 1_002_000, status: 200, reason: 'normal-release' };

  it.each([
    ['2.0 s talked at 60/60', 1_004_000, 'CALLER', 2, 60, '0.01900'],
    ['61.2 s talked: 62 started seconds, two minutes', 1_063_200, 'CALLEE', 62, 120, '0.03800'],
    ['answered and ended at once: a full first increment', 1_002_000, 'CALLER', 0, 0, '0.00000'],
  ] as const)('%s', (_case, endedAtMs, hangupBy, duration, billable, cost) => {
    expect(pstnCdr('id', out, { ...answered, endedAtMs, hangupBy })).toMatchObject({
      disposition: 'ANSWERED',
      sipStatus: 200,
      durationSec: duration,
      billableSec: billable,
      cost,
      currency: 'EUR',
      hangupBy,
      normalizedNumber: '+49301234567',
      ratePrefix: '4930',
      pricePerMinute: '0.01900',
      gatewayId: 'g1',
      routeId: 'r1',
    });
  });

  it.each([
    [{ status: 486, reason: 'Busy Here', hangupBy: 'CALLEE' as const }, 'BUSY'],
    [{ status: 487, reason: 'call-canceled', hangupBy: 'CALLER' as const }, 'CANCELLED'],
    [{ status: 503, reason: 'All gateways failed', hangupBy: 'SYSTEM' as const }, 'FAILED'],
    [{ status: 403, reason: 'Not permitted', hangupBy: 'SYSTEM' as const, refused: true }, 'REFUSED'],
  ])('an unanswered call (%o) is %s and free', (o, disposition) => {
    expect(pstnCdr('id', out, { ...answered, ...o, answeredAtMs: null, endedAtMs: 1_010_000 })).toMatchObject({ disposition, sipStatus: o.status, billableSec: 0, cost: '0.00000', answeredAt: null });
  });
});
