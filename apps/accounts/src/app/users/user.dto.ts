import { createZodDto } from '../common/zod-dto';
import { z } from 'zod';
import { Role } from '@branchline/db';
import { name, uuid } from '../common/schemas';
import { boolQuery, listQuerySchema } from '../common/pagination';
import { idOut, responseDtos, timestampOut } from '../common/responses';

const password = z.string().min(12, 'must be at least 12 characters').max(200);
const siteIds = z.array(uuid()).max(100);
const sitesOnlyForSiteAdmin = (u: { role?: Role; siteIds?: string[] }) => u.role !== 'SITE_ADMIN' || (u.siteIds?.length ?? 0) > 0;
const siteIssue = { path: ['siteIds'], message: 'a SITE_ADMIN needs at least one site' };

export const createUserSchema = z
  .object({
    email: z.email({ error: 'must be an e-mail address' }).transform((e) => e.toLowerCase()),
    name: name(),
    password,
    role: z.enum(Role),
    siteIds: siteIds.default([]),
    enabled: z.boolean().default(true),
  })
  .strict()
  .refine(sitesOnlyForSiteAdmin, siteIssue);
export const updateUserSchema = z
  .object({ name: name(), password, role: z.enum(Role), siteIds, enabled: z.boolean() })
  .partial()
  .strict();

export class CreateUserDto extends createZodDto(createUserSchema) {}
export class UpdateUserDto extends createZodDto(updateUserSchema) {}
export class UserListQuery extends createZodDto(
  listQuerySchema(['email', 'name', 'role', 'createdAt'], { role: z.enum(Role).optional(), enabled: boolQuery().optional(), q: z.string().max(100).optional() }),
) {}
export type CreateUser = z.infer<typeof createUserSchema>;
export type UpdateUser = z.infer<typeof updateUserSchema>;

export const userSchema = z.strictObject({
  id: idOut(),
  tenantId: idOut(),
  email: z.string(),
  name: z.string(),
  role: z.enum(Role),
  enabled: z.boolean(),
  lastLoginAt: timestampOut().nullable(),
  createdAt: timestampOut(),
  updatedAt: timestampOut(),
  siteIds: z.array(idOut()).describe('Sites a SITE_ADMIN manages'),
});
const userDtos = responseDtos(userSchema);
export class UserDto extends userDtos.Item {}
export class UserPageDto extends userDtos.Page {}
