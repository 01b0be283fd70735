import type { Pool } from 'pg';
import type { SpentToday } from '../planning/spend-guard';

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

/** Reads what callers spent today from `cdrs`, which routing owns (once per outside call). */
export class SpendRepository {
  constructor(private readonly sql: Pool) {}

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
