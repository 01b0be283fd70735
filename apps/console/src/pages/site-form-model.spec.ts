import type { Site } from '../api/types';
import { createSiteBody, emptySiteForm, siteFormOf, updateSiteBody } from './site-form-model';

const berlin = {
  id: 's1', tenantId: 't', name: 'Berlin', code: 'BER', dialPrefix: '81', extensionRangeStart: 1000, extensionRangeEnd: 1999, timeZone: 'Europe/Berlin',
  countryCode: 'DE', countryCallingCode: '49', areaCode: '30', outsideAccessCode: '0', costCentre: 'CC-1', emergencyCallerId: null, dailySpendLimit: null,
  maxConcurrentCalls: null, maxInternationalCallSeconds: null, createdAt: '', updatedAt: '',
} as unknown as Site;

describe('site form model', () => {
  it('sends a new site with its numbers as numbers and without blank optional fields', () => {
    const body = createSiteBody({ ...emptySiteForm(), name: ' München ', code: 'MUC', extensionRangeStart: '3000', extensionRangeEnd: '3999', areaCode: '89' });
    expect(body).toEqual({ name: 'München', code: 'MUC', extensionRangeStart: 3000, extensionRangeEnd: 3999, timeZone: 'Europe/Berlin', countryCode: 'DE', countryCallingCode: '49', areaCode: '89', outsideAccessCode: '0' });
  });

  it('leaves a missing range number for the API to name', () => {
    expect(JSON.parse(JSON.stringify(createSiteBody({ ...emptySiteForm(), extensionRangeStart: '', extensionRangeEnd: 'x' })))).toMatchObject({ extensionRangeStart: null, extensionRangeEnd: null });
  });

  it('sends only what changed, a cleared field as null', () => {
    const before = siteFormOf(berlin);
    expect(before.extensionRangeEnd).toBe('1999');
    expect(before.emergencyCallerId).toBe('');
    expect(updateSiteBody(before, before)).toEqual({});
    expect(updateSiteBody(before, { ...before, extensionRangeEnd: '2999', costCentre: '', name: 'Berlin Mitte' })).toEqual({ extensionRangeEnd: 2999, costCentre: null, name: 'Berlin Mitte' });
  });
});
