import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { CallDirection, CallDisposition } from '@branchline/db';
import { isoDateTime, uuid } from '../common/schemas';
import { listQuerySchema } from '../common/pagination';

export class CdrListQuery extends createZodDto(
  listQuerySchema(['startedAt', 'cost', 'durationSec'], {
    from: isoDateTime().optional(),
    to: isoDateTime().optional(),
    siteId: uuid().optional(),
    extensionId: uuid().optional(),
    gatewayId: uuid().optional(),
    direction: z.enum(CallDirection).optional(),
    disposition: z.enum(CallDisposition).optional(),
    costCentre: z.string().max(50).optional(),
    callId: z.string().max(200).optional(),
  }),
) {}
