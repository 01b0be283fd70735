import { z } from 'zod';

// "is required" reads better in a problem+json than zod's type-error wording.
z.config({
  customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined),
});

/** Field schemas shared by several resources, so each rule is written once. */
export const uuid = () => z.uuid({ error: 'must be a UUID' });
export const digits = (min = 1, max = 15) =>
  z.string().regex(new RegExp(`^\\d{${min},${max}}$`), `must be ${min}-${max} digits`);
export const e164 = () => z.string().regex(/^\+[1-9]\d{1,14}$/, 'must be an E.164 number like +4930123456');
export const name = (max = 100) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
export const timeZone = () => z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin');
export const countryCode = () => z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as DE');
export const currency = () => z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR');
/** Decimal money/price as a string, so no float ever touches it. */
export const decimal = (scale = 5) =>
  z
    .union([z.string(), z.number()])
    .transform((v) => String(v))
    .refine((v) => new RegExp(`^\\d{1,7}(\\.\\d{1,${scale}})?$`).test(v), `must be a non-negative decimal with at most ${scale} decimals`)
    .describe(`A non-negative decimal with at most ${scale} decimals, as a string ("0.0225") or a JSON number; shown with five decimals`);

/** ISO 8601 timestamp or date in a query string; kept as a string so OpenAPI can describe it. */
export const isoDateTime = () =>
  z.union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'must be an ISO 8601 date or date-time' });
