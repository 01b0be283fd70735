import type { PrismaService } from '@branchline/db';
import type { SpentToday } from './spend-guard';

/**
 * Reads what callers spent today from `cdrs`, which routing owns. Both sums
 * run in one statement, each on its own index ((tenant, caller_extension_id,
 * started_at) and (tenant, site_id, started_at)); the day starts at midnight
 * in the site's time zone, computed by Postgres (DST included).
 */
export class SpendRepository {
  constructor(private readonly prisma: PrismaService) {}

  async spentToday(tenantId: string, extensionId: string, siteId: string, timeZone: string, now: Date): Promise<SpentToday> {
    const rows = await this.prisma.$queryRaw<Array<{ extension: string; site: string }>>`
      WITH day AS (SELECT (date_trunc('day', ${now}::timestamptz AT TIME ZONE ${timeZone}) AT TIME ZONE ${timeZone}) AS start)
      SELECT
        (SELECT COALESCE(SUM(c.cost), 0) FROM cdrs c, day
          WHERE c.tenant_id = ${tenantId}::uuid AND c.caller_extension_id = ${extensionId}::uuid AND c.started_at >= day.start)::text AS extension,
        (SELECT COALESCE(SUM(c.cost), 0) FROM cdrs c, day
          WHERE c.tenant_id = ${tenantId}::uuid AND c.site_id = ${siteId}::uuid AND c.started_at >= day.start)::text AS site`;
    return rows[0] ?? { extension: '0', site: '0' };
  }
}
