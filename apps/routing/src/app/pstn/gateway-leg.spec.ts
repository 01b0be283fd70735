import { trunkGateway as gateway } from '../../testing/trunk-gateway';
import { gatewayRequestUri } from './gateway-leg';

describe('gatewayRequestUri', () => {
  it.each([
    [{}, '+49301234567', false, 'sip:+49301234567@10.0.0.1:5060'],
    [{ e164Plus: false }, '+49301234567', false, 'sip:49301234567@10.0.0.1:5060'],
    [{ e164Plus: false, stripDigits: 2, prependDigits: '0' }, '+49301234567', false, 'sip:0301234567@10.0.0.1:5060'],
    [{ prependDigits: '1234#' , e164Plus: false }, '+49301234567', false, 'sip:1234#49301234567@10.0.0.1:5060'],
    [{ transport: 'TCP' as const, host: '::1' }, '+49301234567', false, 'sip:+49301234567@[::1]:5060;transport=tcp'],
    [{}, '112', true, 'sip:112@10.0.0.1:5060'],
  ])('%o sends %s as %s', (o, number, emergency, uri) => {
    expect(gatewayRequestUri(gateway('g', o), number, emergency)).toBe(uri);
  });
});
