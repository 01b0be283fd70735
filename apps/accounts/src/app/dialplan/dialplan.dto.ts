import { createZodDto } from '../common/zod-dto';
import { z } from 'zod';
import { moneyOut } from '../common/responses';
import { uuid } from '../common/schemas';

export const explainBodySchema = z.object({
  extensionId: uuid().describe('The calling extension'),
  dialed: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(64, 'must be at most 64 characters')
    .describe('The digits as the phone dials them, e.g. "00301234567", "112" or an extension number'),
});

export class ExplainBodyDto extends createZodDto(explainBodySchema) {}

const rateSchema = z.object({
  prefix: z.string(),
  description: z.string(),
  connectFee: moneyOut(),
  pricePerMinute: moneyOut(),
  currency: z.string(),
  initialIncrement: z.number().int().describe('Seconds charged for the first increment (60 in "60/60", 30 in "30/6")'),
  subsequentIncrement: z.number().int().describe('Seconds per further increment (6 in "30/6")'),
});

// Objects here are not strict: routing owns this answer and may add fields (clients must ignore unknown ones).
export const explainReplySchema = z.object({
  dialed: z.string(),
  kind: z.enum(['internal', 'emergency', 'external', 'invalid']),
  normalised: z.string().nullable().describe('E.164 for outside calls; the extension or emergency number; null when invalid'),
  category: z.string().nullable().describe('local, national, international or premium for outside calls; internal; emergency'),
  classOfService: z.string().describe('The caller’s class of service'),
  allowed: z.boolean(),
  reason: z.string().optional().describe('Why the call would be refused (the SIP reason phrase the phone sees)'),
  status: z.number().int().optional().describe('The SIP status a refused call gets'),
  route: z.object({ id: z.uuid(), name: z.string(), pattern: z.string() }).optional().describe('The outbound route that matched'),
  gateways: z
    .array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        position: z.number().int().describe('Place in the route’s own list'),
        rate: rateSchema.nullable().describe('The rate line that would price the call (longest prefix valid now); null for emergency calls, which are free'),
        order: z.number().int().describe('1-based order in which the call tries it: least cost first (emergency: own site first)'),
      }),
    )
    .describe('Gateways in the order a call would try them'),
  callerId: z.string().nullable().describe('E.164 presented to the far end; null: anonymous or not an outside call'),
  billing: z
    .object({ free: z.boolean(), note: z.string().describe('Why: internal and emergency calls are free; outside calls are priced by the carrying gateway’s rate') })
    .nullable()
    .describe('Whether the call would be charged; null for a number that cannot be dialled'),
});

export class ExplainReplyDto extends createZodDto(explainReplySchema) {}
