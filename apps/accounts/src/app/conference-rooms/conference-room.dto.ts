import { createZodDto } from '../common/zod-dto';
import { z } from 'zod';
import { digits, name, uuid } from '../common/schemas';
import { boolQuery, listQuerySchema } from '../common/pagination';
import { idOut, responseDtos, timestampOut } from '../common/responses';

const pin = () => digits(4, 8).nullable().optional();
const distinctPins = (r: { pin?: string | null; moderatorPin?: string | null }) => !r.pin || !r.moderatorPin || r.pin !== r.moderatorPin;
const pinIssue = { path: ['moderatorPin'], message: 'must differ from the participant PIN' };

const fields = {
  number: digits(2, 8),
  name: name(),
  siteId: uuid().nullable().optional(),
  pin: pin(),
  moderatorPin: pin(),
  maxParticipants: z.number().int().min(2).max(500).default(20),
  enabled: z.boolean().default(true),
};

export const createRoomSchema = z.object(fields).strict().refine(distinctPins, pinIssue);
export const updateRoomSchema = z
  .object({ ...fields, maxParticipants: fields.maxParticipants.removeDefault(), enabled: fields.enabled.removeDefault() })
  .partial()
  .strict()
  .refine(distinctPins, pinIssue);

export class CreateConferenceRoomDto extends createZodDto(createRoomSchema) {}
export class UpdateConferenceRoomDto extends createZodDto(updateRoomSchema) {}
export class ConferenceRoomListQuery extends createZodDto(
  listQuerySchema(['number', 'name', 'createdAt'], { siteId: uuid().optional(), enabled: boolQuery().optional(), q: z.string().max(100).optional() }),
) {}
export type CreateConferenceRoom = z.infer<typeof createRoomSchema>;
export type UpdateConferenceRoom = z.infer<typeof updateRoomSchema>;

export const conferenceRoomSchema = z.strictObject({
  id: idOut(),
  tenantId: idOut(),
  siteId: idOut().nullable(),
  number: z.string(),
  name: z.string(),
  pin: z.string().nullable(),
  moderatorPin: z.string().nullable(),
  maxParticipants: z.number().int(),
  enabled: z.boolean(),
  createdAt: timestampOut(),
  updatedAt: timestampOut(),
});
const conferenceRoomDtos = responseDtos(conferenceRoomSchema);
export class ConferenceRoomDto extends conferenceRoomDtos.Item {}
export class ConferenceRoomPageDto extends conferenceRoomDtos.Page {}
