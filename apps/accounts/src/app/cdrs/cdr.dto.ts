import { createZodDto } from '../common/zod-dto';
import { z } from 'zod';
import { CallDirection, CallDisposition, HangupParty } from '@branchline/db';
import { isoDateTime, uuid } from '../common/schemas';
import { listQuerySchema } from '../common/pagination';
import { idOut, moneyOut, responseDtos, timestampOut } from '../common/responses';

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

export const cdrSchema = z.strictObject({
  id: idOut(),
  tenantId: idOut(),
  callId: z.string(),
  direction: z.enum(CallDirection),
  disposition: z.enum(CallDisposition),
  sipStatus: z.number().int().nullable(),
  hangupCause: z.string().nullable(),
  callerNumber: z.string(),
  callerName: z.string().nullable(),
  callerExtensionId: idOut().nullable(),
  siteId: idOut().nullable().describe('The branch the call is charged to'),
  costCentre: z.string().nullable().describe("The site's cost centre at call time"),
  dialedNumber: z.string(),
  normalizedNumber: z.string().nullable().describe('E.164 after normalisation; null for internal calls'),
  calleeExtensionId: idOut().nullable(),
  routeId: idOut().nullable(),
  gatewayId: idOut().nullable(),
  sourceIp: z.string().nullable(),
  userAgent: z.string().nullable(),
  startedAt: timestampOut(),
  answeredAt: timestampOut().nullable(),
  endedAt: timestampOut(),
  durationSec: z.number().int(),
  billableSec: z.number().int(),
  rateDeckId: idOut().nullable(),
  ratePrefix: z.string().nullable(),
  rateDescription: z.string().nullable(),
  hangupBy: z.enum(HangupParty).nullable(),
  connectFee: moneyOut().nullable(),
  pricePerMinute: moneyOut().nullable(),
  cost: moneyOut(),
  currency: z.string(),
  createdAt: timestampOut(),
});
const cdrDtos = responseDtos(cdrSchema);
export class CdrDto extends cdrDtos.Item {}
export class CdrPageDto extends cdrDtos.Page {}
