import { createZodDto } from '../common/zod-dto';
import { z } from 'zod';
import { SipTransport } from '@branchline/db';
import { uuid } from '../common/schemas';
import { boolQuery, listQuerySchema } from '../common/pagination';
import { idOut, responseDtos, timestampOut } from '../common/responses';

const host = z.union([
  z.ipv4(),
  z.ipv6(),
  z.string().regex(/^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)*[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/),
], { error: 'must be a host name or an IP address' });

const fields = {
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,49}$/, 'must be 1-50 lower-case letters, digits, dash or underscore'),
  siteId: uuid().nullable().optional(),
  host,
  port: z.number().int().min(1).max(65535).default(5060),
  transport: z.enum(SipTransport).default('UDP'),
  username: z.string().max(100).nullable().optional(),
  /** Write-only: stored encrypted, never returned. */
  password: z.string().min(1).max(200).nullable().optional(),
  stripDigits: z.number().int().min(0).max(15).default(0),
  prependDigits: z.string().regex(/^[0-9+*#]{0,10}$/, 'must be up to 10 of 0-9 + * #').default(''),
  e164Plus: z.boolean().default(true),
  maxChannels: z.number().int().min(1).max(10000).default(30),
  enabled: z.boolean().default(true),
};

export const createGatewaySchema = z.object(fields).strict();
export const updateGatewaySchema = z
  .object({
    ...fields,
    port: fields.port.removeDefault(),
    transport: fields.transport.removeDefault(),
    stripDigits: fields.stripDigits.removeDefault(),
    prependDigits: fields.prependDigits.removeDefault(),
    e164Plus: fields.e164Plus.removeDefault(),
    maxChannels: fields.maxChannels.removeDefault(),
    enabled: fields.enabled.removeDefault(),
  })
  .partial()
  .strict();

export class CreateGatewayDto extends createZodDto(createGatewaySchema) {}
export class UpdateGatewayDto extends createZodDto(updateGatewaySchema) {}
export class GatewayListQuery extends createZodDto(
  listQuerySchema(['name', 'host', 'createdAt'], { siteId: uuid().optional(), enabled: boolQuery().optional(), q: z.string().max(100).optional() }),
) {}
export type CreateGateway = z.infer<typeof createGatewaySchema>;
export type UpdateGateway = z.infer<typeof updateGatewaySchema>;

export const gatewaySchema = z.strictObject({
  id: idOut(),
  tenantId: idOut(),
  siteId: idOut().nullable(),
  name: z.string(),
  host: z.string(),
  port: z.number().int(),
  transport: z.enum(SipTransport),
  username: z.string().nullable(),
  stripDigits: z.number().int(),
  prependDigits: z.string(),
  e164Plus: z.boolean(),
  maxChannels: z.number().int(),
  enabled: z.boolean(),
  createdAt: timestampOut(),
  updatedAt: timestampOut(),
  hasPassword: z.boolean().describe('A trunk password is stored (it is never shown)'),
});
const gatewayDtos = responseDtos(gatewaySchema);
export class GatewayDto extends gatewayDtos.Item {}
export class GatewayPageDto extends gatewayDtos.Page {}
