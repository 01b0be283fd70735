import { z } from 'zod';
import { createZodDto } from '../common/zod-dto';
import { currency, uuid } from '../common/schemas';

export class StatementQuery extends createZodDto(
  z
    .object({
      siteId: uuid().describe('The site (branch office) the statement is for; a SITE_ADMIN may ask for its own sites only'),
      month: z
        .string({ error: 'is required' })
        .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a calendar month YYYY-MM')
        .describe("The calendar month, YYYY-MM: its local days in the site's time zone"),
      currency: currency()
        .optional()
        .describe("Only calls priced in this currency (ISO 4217); the tenant's currency unless given"),
      format: z.enum(['pdf']).optional().describe('pdf (the only format; also chosen by Accept: application/pdf)'),
    })
    .strict(),
) {}
