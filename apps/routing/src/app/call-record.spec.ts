import { internalCdr, type CallContext } from './call-record';

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
  inviteCseq: 2,
  callerTag: 'caller-tag',
};

describe('internalCdr', () => {
  it.each([
    ['an answered call the caller hung up', 1_002_000, { endedAtMs: 1_012_400, reason: 'normal-release', status: null, byeFromTag: 'caller-tag' }, 'ANSWERED', 200, 'CALLER', 10],
    ['an answered call the callee hung up', 1_002_000, { endedAtMs: 1_005_000, reason: 'normal-release', status: null, byeFromTag: 'other' }, 'ANSWERED', 200, 'CALLEE', 3],
    ['an answered call the server ended', 1_002_000, { endedAtMs: 1_034_000, reason: 'ack-timeout', status: null, byeFromTag: null }, 'ANSWERED', 200, 'SYSTEM', 32],
    ['a busy callee', null, { endedAtMs: 1_001_000, reason: 'call-rejected', status: 486, byeFromTag: null }, 'BUSY', 486, 'CALLEE', 0],
    ['a caller who gave up', null, { endedAtMs: 1_001_000, reason: 'call-canceled', status: 487, byeFromTag: null }, 'CANCELLED', 487, 'CALLER', 0],
    ['no answer', null, { endedAtMs: 1_060_000, reason: 'call-rejected', status: 408, byeFromTag: null }, 'NO_ANSWER', 408, 'SYSTEM', 0],
    ['a failure', null, { endedAtMs: 1_000_500, reason: 'call-rejected', status: 500, byeFromTag: null }, 'FAILED', 500, 'SYSTEM', 0],
  ] as const)('%s', (_name, answeredAt, end, disposition, sipStatus, hangupBy, durationSec) => {
    const cdr = internalCdr('id', ctx, answeredAt, end);
    expect(cdr).toMatchObject({ disposition, sipStatus, hangupBy, durationSec, billableSec: 0, cost: '0', direction: 'INTERNAL' });
    expect(Date.parse(cdr.endedAt)).toBeGreaterThanOrEqual(Date.parse(cdr.startedAt));
  });
});
