import { createZodDto } from '../common/zod-dto';
import { z } from 'zod';
import { listQuerySchema } from '../common/pagination';
import { uuid } from '../common/schemas';

export const REGISTRATION_SORT_FIELDS = ['number', 'registeredAt', 'expiresAt'] as const;

export class RegistrationListQuery extends createZodDto(
  listQuerySchema(REGISTRATION_SORT_FIELDS, {
    siteId: uuid().optional(),
    extensionId: uuid().optional(),
  }),
) {}

export const registrationSchema = z.object({
  extensionId: z.uuid(),
  number: z.string(),
  displayName: z.string(),
  siteId: z.uuid(),
  siteCode: z.string(),
  user: z.string().describe('SIP username: the user part of the address-of-record'),
  contact: z.string().describe('The Contact URI the phone registered'),
  source: z
    .object({ address: z.string(), port: z.number().int(), transport: z.string() })
    .describe('Where the REGISTER came from; behind NAT this is what reaches the phone'),
  userAgent: z.string().nullable(),
  expiresAt: z.iso.datetime(),
  expiresInSeconds: z.number().int().min(0),
  registeredAt: z.iso.datetime(),
  registrar: z.string().describe('The registrar replica that took the registration'),
});

export const registrationPageSchema = z.object({
  data: z.array(registrationSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  truncated: z.boolean().describe('The registrar answered for at most 5000 users of the tenant; more are registered'),
});

export class RegistrationPageDto extends createZodDto(registrationPageSchema) {}

export type Registration = z.infer<typeof registrationSchema>;
export type RegistrationPage = z.infer<typeof registrationPageSchema>;
