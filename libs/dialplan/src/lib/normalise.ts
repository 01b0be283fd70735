import type { ClassOfService } from './class-of-service';
import { numberingPlan } from './numbering-plan';

/** The caller's site as numbering needs it. */
export interface DialingSite {
  /** ISO 3166-1 alpha-2, picks the numbering plan. */
  countryCode: string;
  /** E.164 country calling code without "+", e.g. "49". */
  countryCallingCode: string;
  /** Area code without trunk prefix, e.g. "30"; empty where there are none. */
  areaCode: string;
  /** Digit(s) for an outside line, e.g. "0"; empty when phones dial out directly. */
  outsideAccessCode: string;
  /** Emergency numbers, when the site overrides its country's. */
  emergencyNumbers?: readonly string[];
}

export type Destination =
  | { kind: 'extension'; number: string }
  | { kind: 'emergency'; number: string }
  | { kind: 'external'; e164: string; category: ExternalCategory; requires: ClassOfService }
  | { kind: 'invalid'; reason: string };

export type ExternalCategory = 'local' | 'national' | 'international' | 'premium';

const REQUIRES: Record<ExternalCategory, ClassOfService> = {
  local: 'LOCAL',
  national: 'NATIONAL',
  international: 'INTERNATIONAL',
  premium: 'PREMIUM',
};

/** E.164 allows 15 digits after "+"; below 7 in all is no public number. */
const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * What the digits a phone dialed mean, from its site's point of view:
 *
 *  - an extension of the tenant (extension numbers are tenant-wide, so this
 *    is the same from every site);
 *  - an emergency number (no outside-line code needed);
 *  - with the outside-line code (or "+" dialed directly): a public number,
 *    normalised to E.164 from the site's country and area code and sorted
 *    into local / national / international / premium;
 *  - anything else is invalid, with the reason.
 */
export function normaliseDialed(dialed: string, site: DialingSite, isExtension: (number: string) => boolean): Destination {
  const digits = dialed.trim();
  if (!/^\+?[0-9*#]+$/.test(digits)) return { kind: 'invalid', reason: `"${dialed}" is not a dialable number` };
  if (isExtension(digits)) return { kind: 'extension', number: digits };
  const plan = numberingPlan(site.countryCode);
  const emergency = site.emergencyNumbers ?? plan.emergencyNumbers;
  if (emergency.includes(digits)) return { kind: 'emergency', number: digits };

  let e164: string;
  if (digits.startsWith('+')) e164 = digits;
  else {
    const access = site.outsideAccessCode;
    if (!digits.startsWith(access)) return { kind: 'invalid', reason: `${digits} is no extension, and outside numbers start with ${access}` };
    const rest = digits.slice(access.length);
    // Emergency numbers work behind the outside-line code too (a phone user's habit).
    if (emergency.includes(rest)) return { kind: 'emergency', number: rest };
    if (rest.length === 0) return { kind: 'invalid', reason: 'nothing dialed after the outside-line code' };
    if (rest.startsWith(plan.internationalPrefix)) e164 = `+${rest.slice(plan.internationalPrefix.length)}`;
    else if (rest.startsWith(plan.trunkPrefix)) e164 = `+${site.countryCallingCode}${rest.slice(plan.trunkPrefix.length)}`;
    else if (site.areaCode) e164 = `+${site.countryCallingCode}${site.areaCode}${rest}`;
    else e164 = `+${site.countryCallingCode}${rest}`;
  }
  if (!E164.test(e164)) return { kind: 'invalid', reason: `${digits} does not make a valid E.164 number (${e164})` };

  const national = `+${site.countryCallingCode}`;
  let category: ExternalCategory;
  if (!e164.startsWith(national)) category = 'international';
  else {
    const nsn = e164.slice(national.length);
    if (plan.premiumPrefixes.some((p) => nsn.startsWith(p))) category = 'premium';
    else if (site.areaCode && nsn.startsWith(site.areaCode)) category = 'local';
    else category = 'national';
  }
  return { kind: 'external', e164, category, requires: REQUIRES[category] };
}
