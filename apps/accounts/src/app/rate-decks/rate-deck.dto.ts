import { createZodDto } from '../common/zod-dto';
import { z } from 'zod';
import { currency, decimal, digits, isoDateTime, name, uuid } from '../common/schemas';
import { listQuerySchema } from '../common/pagination';
import { idOut, moneyOut, responseDtos, timestampOut } from '../common/responses';

export const createRateDeckSchema = z.object({ name: name(), gatewayId: uuid(), currency: currency().default('EUR') }).strict();
export const updateRateDeckSchema = z.object({ name: name(), currency: currency() }).partial().strict();

const increment = (def: number) => z.number().int().min(1).max(3600).default(def);
export const createRateSchema = z
  .object({
    prefix: digits(1, 15),
    description: name(200),
    connectFee: decimal().default('0'),
    pricePerMinute: decimal(),
    initialIncrement: increment(60),
    subsequentIncrement: increment(60),
    validFrom: isoDateTime().optional(),
  })
  .strict();
export const updateRateSchema = z
  .object({
    description: name(200),
    connectFee: decimal(),
    pricePerMinute: decimal(),
    initialIncrement: z.number().int().min(1).max(3600),
    subsequentIncrement: z.number().int().min(1).max(3600),
  })
  .partial()
  .strict();

export class CreateRateDeckDto extends createZodDto(createRateDeckSchema) {}
export class UpdateRateDeckDto extends createZodDto(updateRateDeckSchema) {}
export class CreateRateDto extends createZodDto(createRateSchema) {}
export class UpdateRateDto extends createZodDto(updateRateSchema) {}
export class RateDeckListQuery extends createZodDto(listQuerySchema(['name', 'createdAt'], { gatewayId: uuid().optional() })) {}
export class RateListQuery extends createZodDto(
  listQuerySchema(['prefix', 'pricePerMinute', 'validFrom'], { prefix: digits(1, 15).optional(), q: z.string().max(100).optional() }),
) {}
export class DeckParam extends createZodDto(z.object({ deckId: uuid() })) {}
export class DeckRateParam extends createZodDto(z.object({ deckId: uuid(), rateId: uuid() })) {}

export type CreateRateDeck = z.infer<typeof createRateDeckSchema>;
export type UpdateRateDeck = z.infer<typeof updateRateDeckSchema>;
export type CreateRate = z.infer<typeof createRateSchema>;
export type UpdateRate = z.infer<typeof updateRateSchema>;

export const rateDeckSchema = z.strictObject({
  id: idOut(),
  tenantId: idOut(),
  gatewayId: idOut(),
  name: z.string(),
  currency: z.string(),
  createdAt: timestampOut(),
  updatedAt: timestampOut(),
});
const rateDeckDtos = responseDtos(rateDeckSchema);
export class RateDeckDto extends rateDeckDtos.Item {}
export class RateDeckPageDto extends rateDeckDtos.Page {}

export const rateSchema = z.strictObject({
  id: idOut(),
  tenantId: idOut(),
  rateDeckId: idOut(),
  prefix: z.string(),
  description: z.string(),
  connectFee: moneyOut(),
  pricePerMinute: moneyOut(),
  initialIncrement: z.number().int().describe('Seconds billed for the first increment'),
  subsequentIncrement: z.number().int().describe('Seconds per increment after the first'),
  validFrom: timestampOut(),
  createdAt: timestampOut(),
});
const rateDtos = responseDtos(rateSchema);
export class RateDto extends rateDtos.Item {}
export class RatePageDto extends rateDtos.Page {}
