import { bestFinal, calleeLegHeaders, quoteDisplayName, type CallerInvite } from './callee-leg';

function invite(headers: Record<string, string>, from: { name?: string; uri: string } = { uri: 'sip:1000@acme.test' }): CallerInvite {
  const byName = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { fromName: from.name, fromUri: from.uri, toUri: 'sip:2000@acme.test', header: (n) => byName.get(n.toLowerCase()) };
}

describe('calleeLegHeaders', () => {
  it('never passes on the caller’s digest credentials, its hop or its dialog identifiers', () => {
    const h = calleeLegHeaders(
      invite({
        'Proxy-Authorization': 'Digest username="1000", realm="acme.test", nonce="n", uri="sip:2000@acme.test", response="0123"',
        Authorization: 'Digest username="1000", realm="acme.test", nonce="n", response="4567"',
        Via: 'SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bKx',
        Contact: '<sip:1000@10.0.0.5:5060>',
        Route: '<sip:pbx;lr>',
        'Record-Route': '<sip:pbx;lr>',
        'Call-ID': 'abc@10.0.0.5',
        CSeq: '2 INVITE',
        'Max-Forwards': '70',
      }),
    );
    expect(Object.keys(h).sort()).toEqual(['From', 'To']);
  });

  it('names the caller and the called party as the caller’s INVITE did, without its tag', () => {
    expect(calleeLegHeaders(invite({}, { name: 'Anna Schmidt', uri: 'sip:1000@acme.test' }))).toEqual({
      From: '"Anna Schmidt" <sip:1000@acme.test>',
      To: '<sip:2000@acme.test>',
    });
    expect(calleeLegHeaders(invite({}, { uri: 'sip:+4930123@gw.carrier.test' })).From).toBe('<sip:+4930123@gw.carrier.test>');
  });

  it('passes on what describes the call to the callee', () => {
    const h = calleeLegHeaders(invite({ Allow: 'INVITE, ACK, BYE', 'Alert-Info': '<http://x/ring>;info=alert-internal', Subject: 'Quarterly figures', 'User-Agent': 'Desk/1.0' }));
    expect(h).toMatchObject({ Allow: 'INVITE, ACK, BYE', 'Alert-Info': '<http://x/ring>;info=alert-internal', Subject: 'Quarterly figures' });
    expect(h['User-Agent']).toBeUndefined();
  });
});

describe('quoteDisplayName', () => {
  it.each([
    ['Anna', '"Anna"'],
    ['"Anna Schmidt"', '"Anna Schmidt"'],
    ['Say "hi"', '"Say \\"hi\\""'],
    ['"Back\\\\slash"', '"Back\\\\slash"'],
  ])('%s → %s', (name, quoted) => expect(quoteDisplayName(name)).toBe(quoted));
});

describe('bestFinal (RFC 3261 §16.7 step 6)', () => {
  const f = (status: number, reason = `R${status}`) => ({ status, reason });
  it.each([
    ['one busy phone', [f(486)], 486],
    ['a 6xx wins over anything', [f(486), f(603, 'Decline'), f(404)], 603],
    ['the lowest class wins', [f(500), f(486), f(302)], 302],
    ['the first of the lowest class', [f(486), f(480)], 486],
    ['a phone’s 503 is 500 for the caller', [f(503)], 500],
    ['a phone’s challenge is not the caller’s', [f(407)], 480],
    ['nothing answered', [], 480],
  ])('%s', (_name, finals, status) => expect(bestFinal(finals).status).toBe(status));
});
