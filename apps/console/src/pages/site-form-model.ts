import type { CreateSite, Site, UpdateSite } from '../api/types';

/** What the site form edits, as its inputs hold it. */
export interface SiteForm {
  name: string;
  code: string;
  dialPrefix: string;
  extensionRangeStart: string;
  extensionRangeEnd: string;
  timeZone: string;
  countryCode: string;
  countryCallingCode: string;
  areaCode: string;
  outsideAccessCode: string;
  costCentre: string;
  emergencyCallerId: string;
  dailySpendLimit: string;
}

type Text = 'name' | 'code' | 'timeZone' | 'countryCode' | 'countryCallingCode' | 'areaCode' | 'outsideAccessCode';
type Optional = 'dialPrefix' | 'costCentre' | 'emergencyCallerId' | 'dailySpendLimit';
const TEXT: readonly Text[] = ['name', 'code', 'timeZone', 'countryCode', 'countryCallingCode', 'areaCode', 'outsideAccessCode'];
const OPTIONAL: readonly Optional[] = ['dialPrefix', 'costCentre', 'emergencyCallerId', 'dailySpendLimit'];
const RANGE = ['extensionRangeStart', 'extensionRangeEnd'] as const;

/** A new branch in Germany by default, as the demo company's are. */
export function emptySiteForm(): SiteForm {
  return { name: '', code: '', dialPrefix: '', extensionRangeStart: '', extensionRangeEnd: '', timeZone: 'Europe/Berlin', countryCode: 'DE', countryCallingCode: '49', areaCode: '', outsideAccessCode: '0', costCentre: '', emergencyCallerId: '', dailySpendLimit: '' };
}

export function siteFormOf(s: Site): SiteForm {
  const form = emptySiteForm();
  for (const k of TEXT) form[k] = s[k];
  for (const k of OPTIONAL) form[k] = s[k] ?? '';
  for (const k of RANGE) form[k] = String(s[k]);
  return form;
}

// An empty or malformed number goes to the API as it is (null / NaN → null), which names the field.
const integer = (v: string): number => (v.trim() === '' ? (null as unknown as number) : Number(v.trim()));

/** A new site: blank optional fields left out, so the API's defaults apply. */
export function createSiteBody(f: SiteForm): CreateSite {
  const body = { extensionRangeStart: integer(f.extensionRangeStart), extensionRangeEnd: integer(f.extensionRangeEnd) } as CreateSite;
  for (const k of TEXT) body[k] = f[k].trim();
  for (const k of OPTIONAL) if (f[k].trim()) body[k] = f[k].trim();
  return body;
}

/** Only what changed; a cleared optional field becomes null. */
export function updateSiteBody(before: SiteForm, f: SiteForm): UpdateSite {
  const body: UpdateSite = {};
  for (const k of TEXT) if (f[k].trim() !== before[k]) body[k] = f[k].trim();
  for (const k of OPTIONAL) if (f[k].trim() !== before[k]) body[k] = f[k].trim() || null;
  for (const k of RANGE) if (f[k].trim() !== before[k]) body[k] = integer(f[k]);
  return body;
}
