import type { CallBlockedEvent, CallParties } from '@branchline/contracts';
import { formatMoney, parseMoney } from '@branchline/rating';

/** Daily spend limits of a caller: decimal strings, null = none. */
export interface SpendLimits {
  extension: string | null;
  site: string | null;
}

/** What the extension and its site have spent today (the site's time-zone day), decimal strings. */
export interface SpentToday {
  extension: string;
  site: string;
}

/** The caller's site's budget for the month now running (in the site's zone), when it has `hardLimit`; decimal strings. */
export interface SiteBudget {
  id: string;
  /** "2026-12". */
  month: string;
  amount: string;
  /** What the site's calls in the budget's currency cost this month (finished calls). */
  spentThisMonth: string;
}

export type SpendVerdict =
  | { blocked: false }
  | { blocked: true; kind: 'spend-limit'; limitOf: 'extension' | 'site'; limit: string; spentToday: string; reason: string }
  | { blocked: true; kind: 'budget-exhausted'; budgetId: string; month: string; budget: string; spentThisMonth: string; reason: string };

export const SPEND_LIMIT_REASON = 'Daily spend limit reached';
export const BUDGET_EXHAUSTED_REASON = 'Monthly budget exhausted';

export function hasSpendLimit(l: SpendLimits): boolean {
  return l.extension !== null || l.site !== null;
}

/**
 * Whether an outside call may start, pure: refused when the extension's or
 * the site's cost today is at or over its limit (the extension's is checked
 * first, since it is the narrower). Only finished calls count: a call cannot
 * be priced before it ends, so one running call can overshoot a limit by its
 * own cost (international calls are also bounded by their maximum duration).
 */
export function spendVerdict(limits: SpendLimits, spent: SpentToday): SpendVerdict {
  for (const limitOf of ['extension', 'site'] as const) {
    const limit = limits[limitOf];
    if (limit === null) continue;
    const used = parseMoney(spent[limitOf]);
    if (used >= parseMoney(limit)) {
      return { blocked: true, kind: 'spend-limit', limitOf, limit: formatMoney(parseMoney(limit)), spentToday: formatMoney(used), reason: SPEND_LIMIT_REASON };
    }
  }
  return { blocked: false };
}

/**
 * The hard limit of a site's monthly budget, pure: refused once the month's
 * calls cost at least the budget (100 %), like the daily limits only
 * finished calls count. No budget with `hardLimit`: never refused.
 */
export function budgetVerdict(budget: SiteBudget | null): SpendVerdict {
  if (!budget) return { blocked: false };
  const spent = parseMoney(budget.spentThisMonth);
  const amount = parseMoney(budget.amount);
  if (spent < amount) return { blocked: false };
  return {
    blocked: true,
    kind: 'budget-exhausted',
    budgetId: budget.id,
    month: budget.month,
    budget: formatMoney(amount),
    spentThisMonth: formatMoney(spent),
    reason: BUDGET_EXHAUSTED_REASON,
  };
}

/** What call.blocked says about a refusal of the spend guard. */
export function blockedDetails(
  v: Extract<SpendVerdict, { blocked: true }>,
): Omit<CallBlockedEvent, keyof CallParties | 'event' | 'normalizedNumber' | 'occurredAt'> {
  if (v.kind === 'spend-limit') return { reason: 'spend-limit', limitOf: v.limitOf, limit: v.limit, spentToday: v.spentToday };
  return { reason: 'budget-exhausted', budgetId: v.budgetId, month: v.month, budget: v.budget, spentThisMonth: v.spentThisMonth };
}
