/**
 * Country calling codes (ITU-T E.164) of the countries a branch office
 * commonly calls, with the ISO 3166-1 country and an English name, for the
 * destination of calls no rate describes. The codes are prefix-free (none
 * starts another; a test checks), so a number has at most one: the match is
 * the code of 1, 2 or 3 digits that the number starts with.
 *
 * Shared codes count as their largest country: +1 (the North American
 * Numbering Plan: USA, Canada, much of the Caribbean) as US, +7 (Russia,
 * Kazakhstan) as RU. Rate decks usually tell those apart, and a rate's
 * description wins over this table.
 */
export interface CallingCode {
  /** Digits after the "+". */
  code: string;
  country: string;
  name: string;
}

const TABLE = `
1 US United States / Canada
7 RU Russia
20 EG Egypt
27 ZA South Africa
30 GR Greece
31 NL Netherlands
32 BE Belgium
33 FR France
34 ES Spain
36 HU Hungary
39 IT Italy
40 RO Romania
41 CH Switzerland
43 AT Austria
44 GB United Kingdom
45 DK Denmark
46 SE Sweden
47 NO Norway
48 PL Poland
49 DE Germany
51 PE Peru
52 MX Mexico
53 CU Cuba
54 AR Argentina
55 BR Brazil
56 CL Chile
57 CO Colombia
58 VE Venezuela
60 MY Malaysia
61 AU Australia
62 ID Indonesia
63 PH Philippines
64 NZ New Zealand
65 SG Singapore
66 TH Thailand
81 JP Japan
82 KR South Korea
84 VN Vietnam
86 CN China
90 TR Turkey
91 IN India
92 PK Pakistan
93 AF Afghanistan
94 LK Sri Lanka
95 MM Myanmar
98 IR Iran
212 MA Morocco
213 DZ Algeria
216 TN Tunisia
218 LY Libya
221 SN Senegal
233 GH Ghana
234 NG Nigeria
251 ET Ethiopia
254 KE Kenya
255 TZ Tanzania
256 UG Uganda
260 ZM Zambia
263 ZW Zimbabwe
350 GI Gibraltar
351 PT Portugal
352 LU Luxembourg
353 IE Ireland
354 IS Iceland
355 AL Albania
356 MT Malta
357 CY Cyprus
358 FI Finland
359 BG Bulgaria
370 LT Lithuania
371 LV Latvia
372 EE Estonia
373 MD Moldova
374 AM Armenia
375 BY Belarus
376 AD Andorra
377 MC Monaco
378 SM San Marino
380 UA Ukraine
381 RS Serbia
382 ME Montenegro
385 HR Croatia
386 SI Slovenia
387 BA Bosnia and Herzegovina
389 MK North Macedonia
420 CZ Czechia
421 SK Slovakia
423 LI Liechtenstein
852 HK Hong Kong
853 MO Macao
855 KH Cambodia
880 BD Bangladesh
886 TW Taiwan
960 MV Maldives
961 LB Lebanon
962 JO Jordan
963 SY Syria
964 IQ Iraq
965 KW Kuwait
966 SA Saudi Arabia
967 YE Yemen
968 OM Oman
970 PS Palestine
971 AE United Arab Emirates
972 IL Israel
973 BH Bahrain
974 QA Qatar
975 BT Bhutan
976 MN Mongolia
977 NP Nepal
992 TJ Tajikistan
993 TM Turkmenistan
994 AZ Azerbaijan
995 GE Georgia
996 KG Kyrgyzstan
998 UZ Uzbekistan
`;

export const CALLING_CODES: readonly CallingCode[] = TABLE.trim()
  .split('\n')
  .map((line) => {
    const [code, country, ...name] = line.split(' ');
    return { code, country, name: name.join(' ') };
  });

/** The longest calling code in the table; a lookup tries the first 1..this many digits. */
export const MAX_CALLING_CODE_DIGITS = 3;

const byCode = new Map(CALLING_CODES.map((c) => [c.code, c]));

/** The calling code an E.164 number ("+4930...") starts with, or null (not E.164, or a code not in the table). */
export function callingCodeOf(e164: string): CallingCode | null {
  if (!/^\+\d+$/.test(e164)) return null;
  for (let n = 1; n <= MAX_CALLING_CODE_DIGITS; n++) {
    const hit = byCode.get(e164.slice(1, 1 + n));
    if (hit) return hit;
  }
  return null;
}

