import { CALLING_CODES, callingCodeOf, MAX_CALLING_CODE_DIGITS } from './calling-codes';

describe('calling codes', () => {
  it('is prefix-free, so a number has at most one code', () => {
    const clashes = CALLING_CODES.flatMap((a) =>
      CALLING_CODES.filter((b) => a !== b && b.code.startsWith(a.code)).map((b) => `${a.code} starts ${b.code}`),
    );
    expect(clashes).toEqual([]);
  });

  it('has well-formed lines: 1-3 digits, an ISO 3166 code, a name, each country once', () => {
    for (const c of CALLING_CODES) {
      expect(c.code).toMatch(new RegExp(`^[1-9]\\d{0,${MAX_CALLING_CODE_DIGITS - 1}}$`));
      expect(c.country).toMatch(/^[A-Z]{2}$/);
      expect(c.name.length).toBeGreaterThan(2);
    }
    const countries = CALLING_CODES.map((c) => c.country);
    expect(new Set(countries).size).toBe(countries.length);
  });

  it.each`
    number              | country | name
    ${'+49301234567'}   | ${'DE'} | ${'Germany'}
    ${'+43123456'}      | ${'AT'} | ${'Austria'}
    ${'+41441234567'}   | ${'CH'} | ${'Switzerland'}
    ${'+12125550100'}   | ${'US'} | ${'United States / Canada'}
    ${'+35312345678'}   | ${'IE'} | ${'Ireland'}
    ${'+420212345678'}  | ${'CZ'} | ${'Czechia'}
    ${'+97141234567'}   | ${'AE'} | ${'United Arab Emirates'}
    ${'+74951234567'}   | ${'RU'} | ${'Russia'}
  `('finds $country for $number', ({ number, country, name }) => {
    expect(callingCodeOf(number)).toMatchObject({ country, name });
  });

  it.each(['+2901234', '+8081234567', '004930123', '1001', '', '+'])('finds no code for %p', (number) => {
    expect(callingCodeOf(number)).toBeNull();
  });
});
