/** How numbers are written where the carrier's file comes from (libs/dialplan's numbering plan of the tenant's country). */
export interface NumberingContext {
  /** The country calling code of national numbers, digits only ("49"). */
  countryCallingCode: string;
  /** Dialled before a national number ("0"). */
  trunkPrefix: string;
  /** Dialled before an international number ("00"). */
  internationalPrefix: string;
}

const SEPARATORS = /[\s\-()./]/g;
const E164_DIGITS = /^[1-9]\d{1,14}$/;

/**
 * The E.164 digits (without "+") of a called number as carriers write it:
 * "+49 30 1234567", "004930 1234567", "4930 1234567" (already international,
 * without the plus) and "030 1234567" (national, with the trunk prefix) are
 * all "49301234567". Null when it is not a number.
 */
export function carrierNumberDigits(raw: string, numbering: NumberingContext): string | null {
  const compact = raw.replace(SEPARATORS, '');
  let digits: string;
  if (compact.startsWith('+')) digits = compact.slice(1);
  else if (!/^\d+$/.test(compact)) return null;
  else if (compact.startsWith(numbering.internationalPrefix)) digits = compact.slice(numbering.internationalPrefix.length);
  else if (numbering.trunkPrefix && compact.startsWith(numbering.trunkPrefix)) {
    digits = numbering.countryCallingCode + compact.slice(numbering.trunkPrefix.length);
  } else digits = compact;
  return E164_DIGITS.test(digits) ? digits : null;
}

/** Our side: a CDR's E.164 number ("+49301234567") as the same digits. */
export function e164Digits(e164: string): string {
  return e164.replace(/^\+/, '');
}
