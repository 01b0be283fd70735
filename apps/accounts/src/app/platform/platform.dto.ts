import { createZodDto } from '../common/zod-dto';
import { z } from 'zod';
import { listQuerySchema } from '../common/pagination';
import { countryCode, currency, name } from '../common/schemas';
import { pageOf } from '../common/responses';
import { tenantSchema } from '../tenant/tenant.dto';

const sipDomain = z
  .string()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a DNS domain such as acme.example');

export class CreateTenantDto extends createZodDto(
  z
    .object({
      name: name(),
      slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'must be 2-40 lower-case letters, digits or dashes'),
      sipDomain,
      currency: currency().default('EUR'),
      countryCode: countryCode(),
      admin: z
        .object({
          email: z.email({ error: 'must be an e-mail address' }).transform((e) => e.toLowerCase()),
          name: name(),
          password: z.string().min(12, 'must be at least 12 characters').max(200),
        })
        .strict(),
    })
    .strict(),
) {}
export class TenantListQuery extends createZodDto(listQuerySchema(['name', 'slug', 'createdAt'], { q: z.string().max(100).optional() })) {}
export class DeleteTenantQuery extends createZodDto(z.object({ confirm: z.string({ error: 'must repeat the tenant slug' }) }).strict()) {}

export class PlatformTenantDto extends createZodDto(tenantSchema) {}
export class PlatformTenantPageDto extends createZodDto(pageOf(tenantSchema)) {}
