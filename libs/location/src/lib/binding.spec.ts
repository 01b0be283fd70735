import { applyChanges, bindingKey, liveBindings, OutOfOrderRegister, type Binding } from './binding';
import { resolveExpiry } from './expiry';

const now = 1_800_000_000_000;
const b = (contact: string, over: Partial<Binding> = {}): Binding => ({
  contact,
  source: { address: '127.0.0.1', port: 5070, transport: 'udp' },
  expiresAt: now + 300_000,
  registeredAt: now,
  callId: 'call-1',
  cseq: 1,
  registrar: 'r1',
  ...over,
});

describe('resolveExpiry', () => {
  const policy = { defaultSeconds: 3600, minSeconds: 60, maxSeconds: 7200 };
  it.each([
    [undefined, undefined, { kind: 'bind', seconds: 3600 }],
    [undefined, '300', { kind: 'bind', seconds: 300 }],
    ['120', '300', { kind: 'bind', seconds: 120 }],
    ['0', '300', { kind: 'remove' }],
    [undefined, '0', { kind: 'remove' }],
    [undefined, '30', { kind: 'too-brief', minSeconds: 60 }],
    [undefined, '999999', { kind: 'bind', seconds: 7200 }],
    ['junk', '300', { kind: 'bind', seconds: 300 }],
  ])('contact %s, header %s → %j', (contact, header, expected) => {
    expect(resolveExpiry(contact, header, policy)).toEqual(expected);
  });
});

describe('applyChanges', () => {
  it('adds, then refreshes the same contact', () => {
    const first = applyChanges([], [{ op: 'upsert', binding: b('sip:1001@10.0.0.5') }], now, 5);
    expect(first.added).toHaveLength(1);
    const second = applyChanges(first.bindings, [{ op: 'upsert', binding: b('sip:1001@10.0.0.5', { cseq: 2, expiresAt: now + 600_000 }) }], now, 5);
    expect(second.refreshed).toHaveLength(1);
    expect(second.bindings).toHaveLength(1);
    expect(second.bindings[0].expiresAt).toBe(now + 600_000);
  });

  it('keys RFC 5626 bindings by instance, so a new contact replaces the old one', () => {
    const inst = { instanceId: '<urn:uuid:abc>', regId: '1' };
    const first = applyChanges([], [{ op: 'upsert', binding: b('sip:1001@10.0.0.5', inst) }], now, 5);
    const moved = applyChanges(first.bindings, [{ op: 'upsert', binding: b('sip:1001@192.0.2.9', { ...inst, cseq: 2 }) }], now, 5);
    expect(moved.bindings.map((x) => x.contact)).toEqual(['sip:1001@192.0.2.9']);
    expect(bindingKey(moved.bindings[0])).toBe('instance:<urn:uuid:abc>:1');
  });

  it('reports expired bindings and drops them', () => {
    const r = applyChanges([b('sip:old@x', { expiresAt: now - 1 })], [], now, 5);
    expect(r.expired).toHaveLength(1);
    expect(r.bindings).toHaveLength(0);
  });

  it('removes one contact, or all with Contact: *', () => {
    const two = [b('sip:a@x'), b('sip:b@x', { callId: 'call-2' })];
    expect(applyChanges(two, [{ op: 'remove', key: 'contact:sip:a@x' }], now, 5).bindings.map((x) => x.contact)).toEqual(['sip:b@x']);
    expect(applyChanges(two, [{ op: 'remove-all', callId: 'call-9', cseq: 1 }], now, 5).removed).toHaveLength(2);
  });

  it('evicts the bindings that expire soonest above the maximum', () => {
    const full = [b('sip:1@x', { expiresAt: now + 10_000 }), b('sip:2@x', { expiresAt: now + 20_000, callId: 'c2' })];
    const r = applyChanges(full, [{ op: 'upsert', binding: b('sip:3@x', { callId: 'c3' }) }], now, 2);
    expect(r.bindings.map((x) => x.contact).sort()).toEqual(['sip:2@x', 'sip:3@x']);
    expect(r.removed.map((x) => x.contact)).toEqual(['sip:1@x']);
  });

  it('refuses an out-of-order REGISTER of the same Call-ID', () => {
    const cur = [b('sip:a@x', { cseq: 5 })];
    expect(() => applyChanges(cur, [{ op: 'upsert', binding: b('sip:a@x', { cseq: 5 }) }], now, 5)).toThrow(OutOfOrderRegister);
    expect(() => applyChanges(cur, [{ op: 'remove-all', callId: 'call-1', cseq: 4 }], now, 5)).toThrow(OutOfOrderRegister);
  });
});

describe('liveBindings', () => {
  it('keeps what has not expired, most recently registered first', () => {
    const older = b('sip:a@x', { registeredAt: now - 5000 });
    const newer = b('sip:b@x', { registeredAt: now - 1000 });
    const gone = b('sip:c@x', { expiresAt: now });
    expect(liveBindings([older, gone, newer], now)).toEqual([newer, older]);
    expect(liveBindings([], now)).toEqual([]);
  });
});
