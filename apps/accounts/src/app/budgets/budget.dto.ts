import { z } from 'zod';
import { createZodDto } from '../common/zod-dto';
import { currency, decimal, uuid } from '../common/schemas';
import { listQuerySchema } from '../common/pagination';
import { idOut, moneyOut, responseDtos, timestampOut } from '../common/responses';

const month = () =>
  z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM, e.g. 2026-12')
    .describe('A calendar month, YYYY-MM');
const amount = () => decimal().refine((v) => /[1-9]/.test(v), 'must be more than 0');
const thresholds = () =>
  z
    .array(z.number().int().min(1).max(1000))
    .min(1)
    .max(10)
    .refine((t) => new Set(t).size === t.length, 'must not repeat a threshold')
    .describe('Percentages of the amount (1-1000) whose crossing publishes budget.threshold_crossed, once each');

export const DEFAULT_THRESHOLDS = [80, 100];

export const createBudgetSchema = z
  .strictObject({
    month: month(),
    siteId: uuid().optional(),
    costCentre: z.string().trim().min(1, 'must not be empty').max(50).optional(),
    amount: amount(),
    currency: currency().optional().describe("ISO 4217; must be the tenant's currency (the default)"),
    thresholds: thresholds().default(DEFAULT_THRESHOLDS),
    hardLimit: z.boolean().default(false).describe('At 100 % routing refuses the site’s new outside calls (emergency calls always pass); site budgets only'),
  })
  .refine((b) => !(b.siteId && b.costCentre), { path: ['costCentre'], message: 'a budget is of a site or of a cost centre, not both' })
  .refine((b) => !!(b.siteId || b.costCentre), { path: ['siteId'], message: 'must name a site, or give a costCentre' })
  .refine((b) => !b.hardLimit || !!b.siteId, { path: ['hardLimit'], message: 'only a site’s budget can stop calls' });

/** The month and what the budget is of stay as created: a budget of another month or scope is another budget. */
export const updateBudgetSchema = z
  .strictObject({ amount: amount(), thresholds: thresholds(), hardLimit: z.boolean() })
  .partial();

export class CreateBudgetDto extends createZodDto(createBudgetSchema) {}
export class UpdateBudgetDto extends createZodDto(updateBudgetSchema) {}
export class BudgetListQuery extends createZodDto(
  listQuerySchema(['month', 'amount', 'createdAt'], {
    month: month().optional(),
    siteId: uuid().optional(),
    costCentre: z.string().max(50).optional(),
  }),
) {}
export class BudgetStatusQuery extends createZodDto(
  z.strictObject({ month: month().optional().describe('Default: the current month in the tenant’s reporting zone') }),
) {}
export type CreateBudget = z.infer<typeof createBudgetSchema>;
export type UpdateBudget = z.infer<typeof updateBudgetSchema>;

export const budgetSchema = z.strictObject({
  id: idOut(),
  tenantId: idOut(),
  month: z.string().describe('YYYY-MM'),
  siteId: idOut().nullable(),
  costCentre: z.string().nullable(),
  amount: moneyOut(),
  currency: z.string(),
  thresholds: z.array(z.number().int()),
  hardLimit: z.boolean(),
  createdAt: timestampOut(),
  updatedAt: timestampOut(),
});
const budgetDtos = responseDtos(budgetSchema);
export class BudgetDto extends budgetDtos.Item {}
export class BudgetPageDto extends budgetDtos.Page {}

export const budgetStatusSchema = z.strictObject({
  ...budgetSchema.shape,
  timeZone: z.string().describe('The zone the month is counted in: the site’s, or for a cost centre the tenant’s reporting zone'),
  periodStart: z.string().describe('First local day of the month'),
  periodEnd: z.string().describe('Last local day of the month'),
  spent: moneyOut().describe('Exact sum of the month’s call costs in the budget’s currency, as the reports count them'),
  remaining: moneyOut().describe('amount − spent (negative when over)'),
  percentUsed: z.number().describe('spent / amount in percent, two decimals'),
  thresholdsCrossed: z.array(z.number().int()).describe('The thresholds the spend has reached (compared exactly)'),
});
export const budgetStatusListSchema = z.strictObject({ month: z.string(), data: z.array(budgetStatusSchema) });
export class BudgetStatusListDto extends createZodDto(budgetStatusListSchema) {}
export type BudgetStatus = z.infer<typeof budgetStatusSchema>;
