import { createZodDto } from '../common/zod-dto';
import { z } from 'zod';
import { countryCode, currency, name } from '../common/schemas';
import { idOut, timestampOut } from '../common/responses';

/** The sipDomain is the digest realm baked into every HA1, so it is fixed at creation. */
export class UpdateTenantDto extends createZodDto(
  z.object({ name: name(), currency: currency(), countryCode: countryCode() }).partial().strict(),
) {}

export const tenantSchema = z.strictObject({
  id: idOut(),
  name: z.string(),
  slug: z.string(),
  sipDomain: z.string().describe('SIP domain and digest realm of every extension'),
  currency: z.string().describe('ISO 4217, the currency calls are priced in'),
  countryCode: z.string(),
  createdAt: timestampOut(),
  updatedAt: timestampOut(),
});
export class TenantDto extends createZodDto(tenantSchema) {}
