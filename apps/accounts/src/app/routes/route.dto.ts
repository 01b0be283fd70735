import { createZodDto } from '../common/zod-dto';
import { z } from 'zod';
import { ClassOfService } from '@branchline/db';
import { DialPatternError, parseDialPattern } from '@branchline/dialplan';
import { boolQuery, listQuerySchema } from '../common/pagination';
import { uuid } from '../common/schemas';
import { idOut, responseDtos, timestampOut } from '../common/responses';

const pattern = z.string().superRefine((p, ctx) => {
  try {
    parseDialPattern(p);
  } catch (e) {
    if (e instanceof DialPatternError) ctx.addIssue({ code: 'custom', message: e.reason });
    else throw e;
  }
});

const gatewayIds = z
  .array(uuid())
  .min(1, 'must list at least one gateway')
  .max(10)
  .refine((ids) => new Set(ids).size === ids.length, 'must not list a gateway twice');

const fields = {
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,49}$/, 'must be 1-50 lower-case letters, digits, dash or underscore'),
  pattern,
  priority: z.number().int().min(0).max(10000).default(100),
  requiredClassOfService: z.enum(ClassOfService),
  isEmergency: z.boolean().default(false),
  siteId: uuid().nullable().optional(),
  enabled: z.boolean().default(true),
  /** Tried in this order (failover). */
  gatewayIds,
};

export const createRouteSchema = z.object(fields).strict();
export const updateRouteSchema = z
  .object({
    ...fields,
    priority: fields.priority.removeDefault(),
    isEmergency: fields.isEmergency.removeDefault(),
    enabled: fields.enabled.removeDefault(),
  })
  .partial()
  .strict();

export class CreateRouteDto extends createZodDto(createRouteSchema) {}
export class UpdateRouteDto extends createZodDto(updateRouteSchema) {}
export class RouteListQuery extends createZodDto(
  listQuerySchema(['name', 'priority', 'createdAt'], {
    siteId: uuid().optional(),
    gatewayId: uuid().optional(),
    isEmergency: boolQuery().optional(),
    enabled: boolQuery().optional(),
  }),
) {}
export type CreateRoute = z.infer<typeof createRouteSchema>;
export type UpdateRoute = z.infer<typeof updateRouteSchema>;

export const routeSchema = z.strictObject({
  id: idOut(),
  tenantId: idOut(),
  name: z.string(),
  pattern: z.string(),
  priority: z.number().int(),
  requiredClassOfService: z.enum(ClassOfService),
  isEmergency: z.boolean(),
  siteId: idOut().nullable(),
  enabled: z.boolean(),
  createdAt: timestampOut(),
  updatedAt: timestampOut(),
  gatewayIds: z.array(idOut()).describe('In failover order'),
});
const routeDtos = responseDtos(routeSchema);
export class RouteDto extends routeDtos.Item {}
export class RoutePageDto extends routeDtos.Page {}
