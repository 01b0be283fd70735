import { createZodDto } from '../common/zod-dto';
import { z } from 'zod';
import { countryCode, decimal, digits, e164, name, timeZone, uuid } from '../common/schemas';
import { listQuerySchema } from '../common/pagination';
import { idOut, moneyOut, responseDtos, timestampOut } from '../common/responses';

const siteFields = {
  name: name(),
  code: z.string().regex(/^[A-Z0-9]{2,10}$/, 'must be 2-10 upper-case letters or digits'),
  dialPrefix: digits(1, 6).nullable().optional(),
  extensionRangeStart: z.number().int().min(0).max(99_999_999),
  extensionRangeEnd: z.number().int().min(0).max(99_999_999),
  timeZone: timeZone(),
  countryCode: countryCode(),
  countryCallingCode: z.string().regex(/^[1-9]\d{0,2}$/, 'must be a country calling code without +, e.g. 49'),
  areaCode: digits(1, 6),
  outsideAccessCode: z.string().regex(/^[0-9]{0,3}$/, 'must be 0-3 digits').default('0'),
  costCentre: z.string().max(50).nullable().optional(),
  emergencyCallerId: e164().nullable().optional(),
  /** Toll-fraud guards, enforced by routing (null: no limit). */
  dailySpendLimit: decimal(2).nullable().optional(),
  maxConcurrentCalls: z.number().int().min(1).max(100_000).nullable().optional(),
  maxInternationalCallSeconds: z.number().int().min(60).max(86_400).nullable().optional(),
};

const rangeOrdered = (s: { extensionRangeStart?: number; extensionRangeEnd?: number }) =>
  s.extensionRangeStart === undefined || s.extensionRangeEnd === undefined || s.extensionRangeStart <= s.extensionRangeEnd;
const rangeIssue = { path: ['extensionRangeEnd'], message: 'must not be below extensionRangeStart' };

export const createSiteSchema = z.object(siteFields).strict().refine(rangeOrdered, rangeIssue);
export const updateSiteSchema = z
  .object(siteFields)
  .omit({ outsideAccessCode: true })
  .extend({ outsideAccessCode: siteFields.outsideAccessCode.removeDefault() })
  .partial()
  .strict()
  .refine(rangeOrdered, rangeIssue);

export class CreateSiteDto extends createZodDto(createSiteSchema) {}
export class UpdateSiteDto extends createZodDto(updateSiteSchema) {}
export class SiteIdParam extends createZodDto(z.object({ id: uuid() })) {}
export class SiteListQuery extends createZodDto(
  listQuerySchema(['name', 'code', 'createdAt', 'extensionRangeStart'], {
    code: z.string().max(10).optional(),
    costCentre: z.string().max(50).optional(),
    q: z.string().max(100).optional(),
  }),
) {}

export type CreateSite = z.infer<typeof createSiteSchema>;
export type UpdateSite = z.infer<typeof updateSiteSchema>;

export const siteSchema = z.strictObject({
  id: idOut(),
  tenantId: idOut(),
  name: z.string(),
  code: z.string(),
  dialPrefix: z.string().nullable().describe('Digits that reach this site from other sites'),
  extensionRangeStart: z.number().int(),
  extensionRangeEnd: z.number().int(),
  timeZone: z.string().describe('IANA zone; finance date filters count local days in it'),
  countryCode: z.string(),
  countryCallingCode: z.string(),
  areaCode: z.string(),
  outsideAccessCode: z.string(),
  costCentre: z.string().nullable(),
  emergencyCallerId: z.string().nullable(),
  dailySpendLimit: moneyOut().nullable().describe('Most the site may spend on calls per local day (tenant currency); null: no limit'),
  maxConcurrentCalls: z.number().int().nullable(),
  maxInternationalCallSeconds: z.number().int().nullable(),
  createdAt: timestampOut(),
  updatedAt: timestampOut(),
});
const siteDtos = responseDtos(siteSchema);
export class SiteDto extends siteDtos.Item {}
export class SitePageDto extends siteDtos.Page {}
