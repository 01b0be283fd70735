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

export type SpendVerdict =
  | { blocked: false }
  | { blocked: true; limitOf: 'extension' | 'site'; limit: string; spentToday: string; reason: string };

export const SPEND_LIMIT_REASON = 'Daily spend limit reached';

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
      return { blocked: true, limitOf, limit: formatMoney(parseMoney(limit)), spentToday: formatMoney(used), reason: SPEND_LIMIT_REASON };
    }
  }
  return { blocked: false };
}
