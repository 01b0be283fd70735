import { z } from 'zod';

export const MAX_PAGE_SIZE = 500;

export type SortOrder = 'asc' | 'desc';
export type OrderBy = Array<Record<string, SortOrder>>;

/**
 * The list query every collection endpoint accepts:
 *   ?page=2&pageSize=50&sort=-createdAt,number&<filters>
 * Unknown parameters are rejected (a mistyped filter must not silently
 * return everything).
 */
export function listQuerySchema<F extends z.ZodRawShape>(sortable: readonly [string, ...string[]], filters: F) {
  const sortField = z.enum(sortable);
  return z
    .object({
      page: z.coerce.number().int().min(1).default(1),
      pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
      sort: z
        .string()
        .optional()
        .superRefine((value, ctx) => {
          for (const part of value ? value.split(',') : []) {
            if (!sortField.safeParse(part.replace(/^-/, '')).success) {
              ctx.addIssue({ code: 'custom', message: `cannot sort by "${part}"; allowed: ${sortable.join(', ')}` });
            }
          }
        }),
      ...filters,
    })
    .strict();
}

/**
 * `-number,displayName` → Prisma orderBy, with the id as a stable tie-breaker
 * unless the order already ends on a field that is unique in the tenant
 * (then an index can serve the page without sorting the whole tenant).
 */
export function toOrderBy(sort: string | undefined, fallback: OrderBy = [{ createdAt: 'asc' }], uniqueFields: readonly string[] = []): OrderBy {
  const order: OrderBy = sort
    ? sort.split(',').map((p) => (p.startsWith('-') ? { [p.slice(1)]: 'desc' } : { [p]: 'asc' }))
    : [...fallback];
  const last = Object.keys(order[order.length - 1] ?? {})[0];
  return last && uniqueFields.includes(last) ? order : [...order, { id: 'asc' }];
}

export interface Page<T> {
  data: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface PageRequest {
  skip: number;
  take: number;
  orderBy: OrderBy;
}

export function pageRequest(
  q: { page: number; pageSize: number; sort?: string },
  fallback?: OrderBy,
  uniqueFields?: readonly string[],
): PageRequest {
  return { skip: (q.page - 1) * q.pageSize, take: q.pageSize, orderBy: toOrderBy(q.sort, fallback, uniqueFields) };
}

export const boolQuery = () =>
  z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');
