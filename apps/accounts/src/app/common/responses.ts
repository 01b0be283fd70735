import { z } from 'zod';
import { createZodDto } from './zod-dto';

/**
 * Building blocks of the response schemas. Responses are strict objects, so
 * a field the API sends but the document does not name fails the response
 * validation test (openapi-responses.int-spec.ts).
 */
export const idOut = () => z.uuid();
export const timestampOut = () => z.iso.datetime().describe('ISO 8601 UTC timestamp');
/** How renderMoney prints every amount (common/money.ts). */
export const moneyOut = () =>
  z
    .string()
    .regex(/^-?\d+\.\d{5}$/)
    .describe('Decimal as a string with exactly five places, e.g. "0.02250" (never a float)');

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.strictObject({
    data: z.array(item),
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1),
    total: z.number().int().min(0).describe('Items matching the filters, over all pages'),
  });

/** A response DTO for an item and one for a page of them (the names become the schema names in the document). */
export function responseDtos<T extends z.ZodType>(item: T) {
  return { Item: createZodDto(item), Page: createZodDto(pageOf(item)) };
}
