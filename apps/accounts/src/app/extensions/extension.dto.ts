import { createZodDto } from '../common/zod-dto';
import { z } from 'zod';
import { ClassOfService } from '@branchline/db';
import { sipPasswordProblem } from '@branchline/secrets';
import { decimal, digits, e164, name, uuid } from '../common/schemas';
import { boolQuery, listQuerySchema } from '../common/pagination';
import { idOut, moneyOut, responseDtos, timestampOut } from '../common/responses';

export const sipPassword = () =>
  z.string().superRefine((pw, ctx) => {
    const problem = sipPasswordProblem(pw);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** The fields an extension has in the API and in CSV files (minus its site). */
export const extensionFields = {
  number: digits(2, 8),
  displayName: name(100),
  sipUsername: z
    .string()
    .regex(/^[a-zA-Z0-9._-]{1,64}$/, 'must be 1-64 letters, digits, dot, dash or underscore')
    .optional(),
  sipPassword: sipPassword().optional(),
  externalCallerId: e164().nullable().optional(),
  classOfService: z.enum(ClassOfService).default('NATIONAL'),
  /** Toll-fraud guard: the most this extension may spend on calls per day (null: no limit). */
  dailySpendLimit: decimal(2).nullable().optional(),
  enabled: z.boolean().default(true),
};

export const createExtensionSchema = z.object({ siteId: uuid(), ...extensionFields }).strict();

export const updateExtensionSchema = z
  .object({
    siteId: uuid(),
    number: extensionFields.number,
    displayName: extensionFields.displayName,
    sipUsername: z.string().regex(/^[a-zA-Z0-9._-]{1,64}$/, 'must be 1-64 letters, digits, dot, dash or underscore'),
    externalCallerId: extensionFields.externalCallerId,
    classOfService: z.enum(ClassOfService),
    dailySpendLimit: extensionFields.dailySpendLimit,
    enabled: z.boolean(),
  })
  .partial()
  .strict();

export const resetPasswordSchema = z.object({ sipPassword: sipPassword().optional() }).strict();

export class CreateExtensionDto extends createZodDto(createExtensionSchema) {}
export class UpdateExtensionDto extends createZodDto(updateExtensionSchema) {}
export class ResetPasswordDto extends createZodDto(resetPasswordSchema) {}
export class ExtensionIdParam extends createZodDto(z.object({ id: uuid() })) {}
export class SiteIdParam extends createZodDto(z.object({ siteId: uuid() })) {}
export class ExtensionListQuery extends createZodDto(
  listQuerySchema(['number', 'displayName', 'createdAt', 'classOfService'], {
    siteId: uuid().optional(),
    number: z.string().max(8).optional(),
    classOfService: z.enum(ClassOfService).optional(),
    enabled: boolQuery().optional(),
    q: z.string().max(100).optional(),
  }),
) {}
export class ImportQuery extends createZodDto(z.object({ dryRun: boolQuery().default(false) }).strict()) {}

export type CreateExtension = z.infer<typeof createExtensionSchema>;
export type UpdateExtension = z.infer<typeof updateExtensionSchema>;

const extensionView = {
  id: idOut(),
  tenantId: idOut(),
  siteId: idOut(),
  number: z.string(),
  displayName: z.string(),
  sipUsername: z.string(),
  externalCallerId: z.string().nullable(),
  classOfService: z.enum(ClassOfService),
  dailySpendLimit: moneyOut().nullable().describe('Most the extension may spend on calls per local day; null: no limit'),
  enabled: z.boolean(),
  createdAt: timestampOut(),
  updatedAt: timestampOut(),
};
const presence = {
  online: z.boolean().nullable().describe('The phone is registered now; null when the registrar does not answer'),
  registrations: z.number().int().min(0).nullable().describe('How many bindings; null when the registrar does not answer'),
};
const sipPasswordOut = { sipPassword: z.string().describe('The SIP password, shown in this response only') };

export const extensionSchema = z.strictObject(extensionView);
const extensionDtos = responseDtos(z.strictObject({ ...extensionView, ...presence }));
export class ExtensionDto extends createZodDto(extensionSchema) {}
export class ExtensionWithPresenceDto extends extensionDtos.Item {}
export class ExtensionPageDto extends extensionDtos.Page {}
export class ExtensionWithPasswordDto extends createZodDto(z.strictObject({ ...extensionView, ...sipPasswordOut })) {}
export class ImportReportDto extends createZodDto(
  z.strictObject({
    dryRun: z.boolean(),
    siteId: idOut(),
    rows: z.number().int().min(0),
    valid: z.boolean(),
    errors: z
      .array(z.strictObject({ row: z.number().int().describe('1-based data row'), field: z.string(), reason: z.string() }))
      .describe('The first problems found; nothing is imported if there is any'),
    imported: z.number().int().min(0),
    credentials: z
      .array(z.strictObject({ number: z.string(), sipUsername: z.string(), sipPassword: z.string() }))
      .optional()
      .describe('Generated SIP passwords, shown in this response only'),
  }),
) {}
