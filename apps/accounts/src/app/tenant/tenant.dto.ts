import { createZodDto } from '../common/zod-dto';
import { z } from 'zod';
import { countryCode, currency, name } from '../common/schemas';

/** The sipDomain is the digest realm baked into every HA1, so it is fixed at creation. */
export class UpdateTenantDto extends createZodDto(
  z.object({ name: name(), currency: currency(), countryCode: countryCode() }).partial().strict(),
) {}
