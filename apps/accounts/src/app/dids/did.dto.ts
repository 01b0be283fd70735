import { createZodDto } from '../common/zod-dto';
import { z } from 'zod';
import { e164, uuid } from '../common/schemas';
import { listQuerySchema } from '../common/pagination';
import { idOut, responseDtos, timestampOut } from '../common/responses';

const target = { extensionId: uuid().nullable().optional(), conferenceRoomId: uuid().nullable().optional() };
const oneTarget = (d: { extensionId?: string | null; conferenceRoomId?: string | null }) => !(d.extensionId && d.conferenceRoomId);
const oneTargetIssue = { path: ['conferenceRoomId'], message: 'a DID points at an extension or a conference room, not both' };

export const createDidSchema = z
  .object({ number: e164(), siteId: uuid().nullable().optional(), description: z.string().max(200).nullable().optional(), ...target })
  .strict()
  .refine((d) => !!(d.extensionId || d.conferenceRoomId), { path: ['extensionId'], message: 'must name an extension or a conference room' })
  .refine(oneTarget, oneTargetIssue);
export const updateDidSchema = z
  .object({ siteId: uuid().nullable(), description: z.string().max(200).nullable(), ...target })
  .partial()
  .strict()
  .refine(oneTarget, oneTargetIssue);

export class CreateDidDto extends createZodDto(createDidSchema) {}
export class UpdateDidDto extends createZodDto(updateDidSchema) {}
export class DidListQuery extends createZodDto(
  listQuerySchema(['number', 'createdAt'], {
    siteId: uuid().optional(),
    extensionId: uuid().optional(),
    conferenceRoomId: uuid().optional(),
    number: z.string().max(16).optional(),
  }),
) {}
export type CreateDid = z.infer<typeof createDidSchema>;
export type UpdateDid = z.infer<typeof updateDidSchema>;

export const didSchema = z.strictObject({
  id: idOut(),
  tenantId: idOut(),
  number: z.string(),
  siteId: idOut().nullable(),
  extensionId: idOut().nullable(),
  conferenceRoomId: idOut().nullable(),
  description: z.string().nullable(),
  createdAt: timestampOut(),
  updatedAt: timestampOut(),
});
const didDtos = responseDtos(didSchema);
export class DidDto extends didDtos.Item {}
export class DidPageDto extends didDtos.Page {}
