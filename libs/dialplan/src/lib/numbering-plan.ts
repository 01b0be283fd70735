/**
 * What a site's callers dial, per country: the trunk prefix before a national
 * number, the prefix before an international one, the emergency numbers
 * (which need no outside-line code) and the national prefixes of premium-rate
 * services. Countries not listed get the ITU defaults (0 / 00 / 112).
 */
export interface NumberingPlan {
  countryCode: string;
  trunkPrefix: string;
  internationalPrefix: string;
  emergencyNumbers: readonly string[];
  /** National significant number prefixes that are premium-rate. */
  premiumPrefixes: readonly string[];
}

const PLANS: Record<string, Omit<NumberingPlan, 'countryCode'>> = {
  DE: { trunkPrefix: '0', internationalPrefix: '00', emergencyNumbers: ['112', '110'], premiumPrefixes: ['900', '137', '118'] },
  AT: { trunkPrefix: '0', internationalPrefix: '00', emergencyNumbers: ['112', '122', '133', '144'], premiumPrefixes: ['900', '901', '930', '931', '939'] },
  CH: { trunkPrefix: '0', internationalPrefix: '00', emergencyNumbers: ['112', '117', '118', '144'], premiumPrefixes: ['900', '901', '906'] },
  FR: { trunkPrefix: '0', internationalPrefix: '00', emergencyNumbers: ['112', '15', '17', '18'], premiumPrefixes: ['89'] },
  GB: { trunkPrefix: '0', internationalPrefix: '00', emergencyNumbers: ['112', '999'], premiumPrefixes: ['9', '87'] },
  NL: { trunkPrefix: '0', internationalPrefix: '00', emergencyNumbers: ['112'], premiumPrefixes: ['900', '906', '909'] },
  US: { trunkPrefix: '1', internationalPrefix: '011', emergencyNumbers: ['911'], premiumPrefixes: ['900', '976'] },
  CA: { trunkPrefix: '1', internationalPrefix: '011', emergencyNumbers: ['911'], premiumPrefixes: ['900', '976'] },
};

const DEFAULT: Omit<NumberingPlan, 'countryCode'> = { trunkPrefix: '0', internationalPrefix: '00', emergencyNumbers: ['112'], premiumPrefixes: [] };

export function numberingPlan(countryCode: string): NumberingPlan {
  const code = countryCode.toUpperCase();
  return { countryCode: code, ...(PLANS[code] ?? DEFAULT) };
}
