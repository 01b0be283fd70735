import { createZodDto } from '../common/zod-dto';
import { z } from 'zod';
import { Role } from '@branchline/db';
import { isoDateTime, uuid } from '../common/schemas';
import { boolQuery, listQuerySchema } from '../common/pagination';
import { idOut, responseDtos, timestampOut } from '../common/responses';

export const createApiKeySchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,49}$/, 'must be 1-50 lower-case letters, digits, dot, dash or underscore'),
    role: z.enum(Role),
    siteIds: z.array(uuid()).max(100).default([]),
    expiresAt: isoDateTime().nullable().optional(),
  })
  .strict()
  .refine((k) => k.role !== 'SITE_ADMIN' || k.siteIds.length > 0, { path: ['siteIds'], message: 'a SITE_ADMIN key needs at least one site' })
  .refine((k) => !k.expiresAt || new Date(k.expiresAt).getTime() > Date.now(), { path: ['expiresAt'], message: 'must be in the future' });

export class CreateApiKeyDto extends createZodDto(createApiKeySchema) {}
export class ApiKeyListQuery extends createZodDto(listQuerySchema(['name', 'createdAt'], { revoked: boolQuery().optional() })) {}
export type CreateApiKey = z.infer<typeof createApiKeySchema>;

const apiKeyView = {
  id: idOut(),
  tenantId: idOut(),
  name: z.string(),
  prefix: z.string().describe('The first characters of the key, to recognise it'),
  role: z.enum(Role),
  createdBy: z.string().nullable(),
  expiresAt: timestampOut().nullable(),
  revokedAt: timestampOut().nullable(),
  lastUsedAt: timestampOut().nullable(),
  createdAt: timestampOut(),
  siteIds: z.array(idOut()),
};
const apiKeyDtos = responseDtos(z.strictObject(apiKeyView));
export class ApiKeyDto extends apiKeyDtos.Item {}
export class ApiKeyPageDto extends apiKeyDtos.Page {}
export class ApiKeyWithSecretDto extends createZodDto(
  z.strictObject({ ...apiKeyView, key: z.string().describe('The key itself, shown in this response only') }),
) {}
