import type { Pool } from 'pg';
import type { SiteBudget, SpentToday } from '../planning/spend-guard';

/**
 * Both sums in one statement, each on its own index ((tenant, caller_extension_id,
 * started_at) and (tenant, site_id, started_at)); the day starts at midnight
 * in the site's time zone, computed by Postgres (DST included).
 */
const SPENT_TODAY = `
  WITH day AS (SELECT (date_trunc('day', $1::timestamptz AT TIME ZONE $2) AT TIME ZONE $2) AS start)
  SELECT
    (SELECT COALESCE(SUM(c.cost), 0) FROM cdrs c, day
      WHERE c.tenant_id = $3::uuid AND c.caller_extension_id = $4::uuid AND c.started_at >= day.start)::text AS extension,
    (SELECT COALESCE(SUM(c.cost), 0) FROM cdrs c, day
      WHERE c.tenant_id = $3::uuid AND c.site_id = $5::uuid AND c.started_at >= day.start)::text AS site`;

/**
 * The site's budget for the month now running in its zone, if it has a hard
 * limit, and the month's cost of the site's calls in the budget's currency,
 * counted like the accounts reports ([local first of the month, local first
 * of the next)). The budget is found by its unique (tenant, month, site)
 * index; without one the sum is never computed.
 */
const SITE_BUDGET = `
  WITH m AS (SELECT date_trunc('month', $1::timestamptz AT TIME ZONE $2) AS local_start)
  SELECT b.id, to_char(b.month, 'YYYY-MM') AS month, b.amount::text AS amount,
    (SELECT COALESCE(SUM(c.cost), 0) FROM cdrs c
      WHERE c.tenant_id = $3::uuid AND c.site_id = $4::uuid AND c.currency = b.currency
        AND c.started_at >= (m.local_start AT TIME ZONE $2)
        AND c.started_at < ((m.local_start + interval '1 month') AT TIME ZONE $2))::text AS "spentThisMonth"
  FROM budgets b, m
  WHERE b.tenant_id = $3::uuid AND b.site_id = $4::uuid AND b.month = m.local_start::date AND b.hard_limit`;

/**
 * How long a site's budget and month spend are reused: a month's sum grows by
 * one call's cost at a time, so a few seconds' lag costs at most a few calls,
 * while summing a busy site's month on every call would not be cheap.
 */
export const SITE_BUDGET_CACHE_MS = 10_000;
const MAX_CACHED_SITES = 10_000;

/** Reads what callers spent today (and their sites this month) from `cdrs`, which routing owns (once per outside call). */
export class SpendRepository {
  private readonly budgets = new Map<string, { until: number; budget: Promise<SiteBudget | null> }>();

  constructor(
    private readonly sql: Pool,
    private readonly cacheMs = SITE_BUDGET_CACHE_MS,
  ) {}

  /** The site's hard-limit budget of the month now running and its spend, cached per replica for `cacheMs`. */
  siteBudget(tenantId: string, siteId: string, timeZone: string, now: Date): Promise<SiteBudget | null> {
    const key = `${tenantId}:${siteId}:${timeZone}`;
    const hit = this.budgets.get(key);
    if (hit && hit.until > now.getTime()) return hit.budget;
    if (this.budgets.size >= MAX_CACHED_SITES) this.budgets.clear();
    const budget = this.sql
      .query<SiteBudget>({ name: 'routing-site-budget', text: SITE_BUDGET, values: [now, timeZone, tenantId, siteId] })
      .then((r) => r.rows[0] ?? null);
    this.budgets.set(key, { until: now.getTime() + this.cacheMs, budget });
    // A failed read is not kept: the next call asks again.
    budget.catch(() => this.budgets.delete(key));
    return budget;
  }

  async spentToday(
    tenantId: string,
    extensionId: string,
    siteId: string,
    timeZone: string,
    now: Date,
  ): Promise<SpentToday> {
    const r = await this.sql.query<{ extension: string; site: string }>({
      name: 'routing-spent-today',
      text: SPENT_TODAY,
      values: [now, timeZone, tenantId, extensionId, siteId],
    });
    return r.rows[0] ?? { extension: '0', site: '0' };
  }
}
