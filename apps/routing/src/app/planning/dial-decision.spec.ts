import type { DialingSite } from '@branchline/dialplan';
import { decideDial } from './dial-decision';

const berlin: DialingSite = { countryCode: 'DE', countryCallingCode: '49', areaCode: '30', outsideAccessCode: '0' };

describe('decideDial', () => {
  it.each([
    ['2000', 'INTERNAL', '2000', { kind: 'internal', number: '2000' }],
    ['112', 'INTERNAL', null, { kind: 'emergency', number: '112' }],
    ['0112', 'INTERNAL', null, { kind: 'emergency', number: '112' }],
    ['012345678', 'LOCAL', null, { kind: 'external', e164: '+493012345678', category: 'local' }],
    ['00040123456789', 'INTERNATIONAL', null, { kind: 'external', e164: '+40123456789', category: 'international' }],
    ['00040123456789', 'NATIONAL', null, {
        kind: 'refused',
        status: 403,
        reason: 'Class of service NATIONAL does not permit international calls',
        external: { e164: '+40123456789', category: 'international' },
      },],
    ['012345678', 'INTERNAL', null, {
        kind: 'refused',
        status: 403,
        reason: 'Class of service INTERNAL does not permit local calls',
        external: { e164: '+493012345678', category: 'local' },
      },],
    ['2999', 'NATIONAL', null, { kind: 'refused', status: 404, reason: '2999 is no extension, and outside numbers start with 0' }],
  ] as const)('%s dialed with class of service %s', (dialed, cos, callee, expected) => {
    expect(decideDial(dialed, { classOfService: cos, site: berlin }, callee)).toEqual(expected);
  });
});
