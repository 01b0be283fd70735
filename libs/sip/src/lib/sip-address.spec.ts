import { parseAddress } from './sip-address';

describe('parseAddress', () => {
  it.each([
    ['sip:1000@acme.test', { user: '1000', host: 'acme.test' }],
    ['sips:1000@ACME.Test:5061;transport=tls', { user: '1000', host: 'acme.test' }],
    ['sip:%2B4930123@gw.carrier.test', { user: '+4930123', host: 'gw.carrier.test' }],
    ['sip:alice@[2001:db8::1]:5060', { user: 'alice', host: '[2001:db8::1]' }],
    ['SIP:bob@example.org?subject=x', { user: 'bob', host: 'example.org' }],
  ])('%s', (uri, address) => expect(parseAddress(uri)).toEqual(address));

  it.each(['sip:acme.test', 'tel:+4930123', 'mailto:a@b.c', ''])('%s is no user address', (uri) => expect(parseAddress(uri)).toBeNull());
});
