import { permits } from './class-of-service';
import { normaliseDialed, type DialingSite } from './normalise';
import { numberingPlan } from './numbering-plan';

const berlin: DialingSite = { countryCode: 'DE', countryCallingCode: '49', areaCode: '30', outsideAccessCode: '0' };
const newYork: DialingSite = { countryCode: 'US', countryCallingCode: '1', areaCode: '212', outsideAccessCode: '9' };
const extensions = new Set(['1001', '2001', '3001', '8000']);
const isExtension = (n: string) => extensions.has(n);

describe('normaliseDialed', () => {
  it.each`
    dialed                | site       | e164               | category
    ${'0030123456'}       | ${berlin}  | ${'+4930123456'}   | ${'local'}
    ${'0123456'}          | ${berlin}  | ${'+4930123456'}   | ${'local'}
    ${'0040123456'}       | ${berlin}  | ${'+4940123456'}   | ${'national'}
    ${'001701234567'}     | ${berlin}  | ${'+491701234567'} | ${'national'}
    ${'0900123456'}       | ${berlin}  | ${'+4930900123456'}| ${'local'}
    ${'00900123456'}      | ${berlin}  | ${'+49900123456'}  | ${'premium'}
    ${'000441234567890'}  | ${berlin}  | ${'+441234567890'} | ${'international'}
    ${'+441234567890'}    | ${berlin}  | ${'+441234567890'} | ${'international'}
    ${'+4930123456'}      | ${berlin}  | ${'+4930123456'}   | ${'local'}
    ${'95551234'}         | ${newYork} | ${'+12125551234'}  | ${'local'}
    ${'913125551234'}     | ${newYork} | ${'+13125551234'}  | ${'national'}
    ${'9011493012345'}    | ${newYork} | ${'+493012345'}    | ${'international'}
    ${'919005551234'}     | ${newYork} | ${'+19005551234'}  | ${'premium'}
  `('$dialed from $site.areaCode is $e164 ($category)', ({ dialed, site, e164, category }) => {
    expect(normaliseDialed(dialed, site, isExtension)).toMatchObject({ kind: 'external', e164, category });
  });

  it('says which class of service each category needs', () => {
    const req = (d: string) => {
      const r = normaliseDialed(d, berlin, isExtension);
      return r.kind === 'external' ? r.requires : r.kind;
    };
    expect([req('0123456'), req('0040123456'), req('000441234567890'), req('00900123456')]).toEqual(['LOCAL', 'NATIONAL', 'INTERNATIONAL', 'PREMIUM']);
  });

  it('recognises a tenant extension from any site', () => {
    expect(normaliseDialed('2001', berlin, isExtension)).toEqual({ kind: 'extension', number: '2001' });
    expect(normaliseDialed('2001', newYork, isExtension)).toEqual({ kind: 'extension', number: '2001' });
  });

  it.each`
    dialed     | site       | number
    ${'112'}   | ${berlin}  | ${'112'}
    ${'110'}   | ${berlin}  | ${'110'}
    ${'0112'}  | ${berlin}  | ${'112'}
    ${'911'}   | ${newYork} | ${'911'}
    ${'9911'}  | ${newYork} | ${'911'}
  `('treats $dialed as the emergency number $number, with or without the outside-line code', ({ dialed, site, number }) => {
    expect(normaliseDialed(dialed, site, isExtension)).toEqual({ kind: 'emergency', number });
  });

  it('uses a site override of the emergency numbers', () => {
    expect(normaliseDialed('999', { ...berlin, emergencyNumbers: ['112', '999'] }, isExtension)).toEqual({ kind: 'emergency', number: '999' });
    expect(normaliseDialed('911', berlin, isExtension).kind).toBe('invalid');
  });

  it.each`
    dialed              | reason
    ${'12ab'}           | ${/not a dialable number/}
    ${'5555'}           | ${/no extension, and outside numbers start with 0/}
    ${'0'}              | ${/nothing dialed after the outside-line code/}
    ${'00012'}          | ${/valid E.164/}
    ${'+0123456789'}    | ${/valid E.164/}
    ${'0001234567890123456'} | ${/valid E.164/}
  `('refuses $dialed: $reason', ({ dialed, reason }) => {
    const r = normaliseDialed(dialed, berlin, isExtension);
    expect(r.kind).toBe('invalid');
    expect(r.kind === 'invalid' && r.reason).toMatch(reason);
  });
});

describe('class of service', () => {
  it.each`
    held               | required           | ok
    ${'INTERNAL'}      | ${'LOCAL'}         | ${false}
    ${'NATIONAL'}      | ${'LOCAL'}         | ${true}
    ${'NATIONAL'}      | ${'NATIONAL'}      | ${true}
    ${'NATIONAL'}      | ${'INTERNATIONAL'} | ${false}
    ${'INTERNATIONAL'} | ${'PREMIUM'}       | ${false}
    ${'PREMIUM'}       | ${'INTERNATIONAL'} | ${true}
  `('$held may dial what needs $required: $ok', ({ held, required, ok }) => {
    expect(permits(held, required)).toBe(ok);
  });
});

describe('numberingPlan', () => {
  it('knows national conventions and falls back to ITU defaults', () => {
    expect(numberingPlan('us')).toMatchObject({ trunkPrefix: '1', internationalPrefix: '011', emergencyNumbers: ['911'] });
    expect(numberingPlan('ZZ')).toMatchObject({ trunkPrefix: '0', internationalPrefix: '00', emergencyNumbers: ['112'] });
  });
});
