import { createZodDto } from '../common/zod-dto';
import { z } from 'zod';
import { CallDirection, CallDisposition } from '@branchline/db';
import { isoDateTime, uuid } from '../common/schemas';
import { listQuerySchema } from '../common/pagination';

export class CdrListQuery extends createZodDto(
  listQuerySchema(['startedAt', 'cost', 'durationSec'], {
    from: isoDateTime()
      .optional()
      .describe(
        'Calls started at or after this. A date (2026-12-03) is the start of that local day in the zone of the filtered site, ' +
          "else of the tenant's first site; a timestamp with Z or an offset is taken as given.",
      ),
    to: isoDateTime()
      .optional()
      .describe(
        'Calls started before this. A date includes that whole local day (from=to=2026-12-03 is one day, DST days have 23 or ' +
          '25 hours); a timestamp with Z or an offset is exclusive.',
      ),
    siteId: uuid().optional(),
    extensionId: uuid().optional(),
    gatewayId: uuid().optional(),
    direction: z.enum(CallDirection).optional(),
    disposition: z.enum(CallDisposition).optional(),
    costCentre: z.string().max(50).optional(),
    callId: z.string().max(200).optional(),
  }),
) {}
