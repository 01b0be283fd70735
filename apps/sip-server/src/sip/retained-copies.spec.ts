import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { requestForInvite, syntheticResponse } from './message-builders';
import { detachedCopies, requestIdentity } from './retained-copies';
import { SipMessage } from './sip-message';

describe('detachedCopies', () => {
  it.each([
    ['nothing', []],
    ['empty strings', ['', '', '']],
    ['header values', ['SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1', '<sip:a@x>;tag=1', '1 INVITE']],
    ['non-ASCII text', ['"Zoë Ångström" <sip:zoe@x>', '☎ 📞', 'a\u0000b']],
    ['a lone surrogate, kept as is', ['x\ud800y', '\udc00']],
  ])('returns equal strings: %s', (_name, values: string[]) => {
    expect(detachedCopies(values)).toEqual(values);
  });

  /**
   * Heap growth while a value taken from a fresh 32 MB message is kept, measured in a fresh Node
   * process: in a jest worker the heap also holds what earlier test files left, and its deltas
   * drift by more than the message.
   */
  function heapHeldBy(take: 'slice' | 'detached'): number {
    const script = `
      const { detachedCopy } = require(${JSON.stringify(join(__dirname, 'retained-copies.ts'))});
      const keep = [];
      gc();
      const before = process.memoryUsage().heapUsed;
      (() => {
        const raw = 'v'.repeat(32 << 20);
        const slice = raw.slice(1000, 1040);
        keep.push(${take === 'slice' ? 'slice' : 'detachedCopy(slice)'});
      })();
      gc();
      if (keep[0] !== 'v'.repeat(40)) throw new Error('wrong value kept');
      process.stdout.write(String(process.memoryUsage().heapUsed - before));`;
    const root = join(__dirname, '../../../..');
    const out = execFileSync(process.execPath, ['--expose-gc', '-r', '@swc-node/register', '-e', script], {
      cwd: root,
      env: { ...process.env, SWC_NODE_PROJECT: join(root, 'tsconfig.base.json') },
    });
    return Number(out.toString());
  }

  it('does not keep the message a value was sliced from alive, where the slice does', () => {
    expect(heapHeldBy('slice')).toBeGreaterThan(24 << 20);
    expect(heapHeldBy('detached')).toBeLessThan(4 << 20);
  }, 60_000);
});

describe('requestIdentity', () => {
  const invite = SipMessage.parse(
    [
      'INVITE sip:bob@127.0.0.1:5080 SIP/2.0',
      'Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKours;rport',
      'Via: SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bKcaller;received=127.0.0.1',
      'Max-Forwards: 69',
      'Route: <sip:127.0.0.1:5090;lr>',
      'From: "Alice" <sip:alice@x>;tag=a1',
      'To: <sip:bob@y>',
      'Call-ID: c-1@x',
      'CSeq: 7 INVITE',
      'Contact: <sip:alice@10.0.0.1:5062>',
      'Subject: lunch',
      'Content-Type: application/sdp',
      '',
      'v=0\r\n',
    ].join('\r\n'),
  );
  const identity = requestIdentity(invite);

  it('keeps what an ACK, a CANCEL, a synthetic response and a late 2xx dialog are built from', () => {
    expect(requestForInvite(identity, 'ACK', '<sip:bob@y>;tag=b2').toString()).toBe(requestForInvite(invite, 'ACK', '<sip:bob@y>;tag=b2').toString());
    expect(requestForInvite(identity, 'CANCEL', invite.get('to') ?? '').toString()).toBe(requestForInvite(invite, 'CANCEL', invite.get('to') ?? '').toString());
    expect(syntheticResponse(identity, 408).toString()).toBe(syntheticResponse(invite, 408).toString());
    expect({
      method: identity.method,
      uri: identity.uri,
      callId: identity.callId,
      fromTag: identity.fromTag,
      cseq: identity.cseq,
      contact: identity.getAll('contact'),
      route: identity.getAll('route'),
    }).toEqual({
      method: 'INVITE',
      uri: 'sip:bob@127.0.0.1:5080',
      callId: 'c-1@x',
      fromTag: 'a1',
      cseq: { seq: 7, method: 'INVITE' },
      contact: ['<sip:alice@10.0.0.1:5062>'],
      route: ['<sip:127.0.0.1:5090;lr>'],
    });
  });

  it('drops the body and every other header', () => {
    expect(identity.body).toBe('');
    expect([...identity.headers.keys()].sort()).toEqual(['call-id', 'contact', 'cseq', 'from', 'route', 'to', 'via']);
  });
});
