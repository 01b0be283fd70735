import type { PrismaClient } from '@branchline/db';
import type { CdrRecord } from './call-record';

/** Routing owns `cdrs`; this is the only code that writes it. */
export class CdrRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Inserts the CDR unless its call already has one (`call_id` is unique), so
   * a retry after an outage never writes a second row. True when this call inserted it.
   * One statement written out by hand: the busiest write routing makes (one per call).
   */
  async insertOnce(cdr: CdrRecord): Promise<boolean> {
    const inserted = await this.prisma.$executeRaw`
      INSERT INTO cdrs (id, tenant_id, call_id, direction, disposition, sip_status, hangup_cause,
                        caller_number, caller_name, caller_extension_id, site_id, cost_centre, dialed_number,
                        normalized_number, callee_extension_id, route_id, gateway_id, source_ip, user_agent,
                        started_at, answered_at, ended_at, duration_sec, billable_sec,
                        rate_deck_id, rate_prefix, rate_description, hangup_by, connect_fee, price_per_minute, cost, currency)
      VALUES (${cdr.id}::uuid, ${cdr.tenantId}::uuid, ${cdr.callId}, ${cdr.direction}::"CallDirection", ${cdr.disposition}::"CallDisposition",
              ${cdr.sipStatus}::int, ${cdr.hangupCause},
              ${cdr.callerNumber}, ${cdr.callerName}, ${cdr.callerExtensionId}::uuid, ${cdr.siteId}::uuid, ${cdr.costCentre}, ${cdr.dialedNumber},
              ${cdr.normalizedNumber ?? null}, ${cdr.calleeExtensionId}::uuid, ${cdr.routeId ?? null}::uuid, ${cdr.gatewayId ?? null}::uuid,
              ${cdr.sourceIp}, ${cdr.userAgent},
              ${cdr.startedAt}::timestamptz, ${cdr.answeredAt}::timestamptz, ${cdr.endedAt}::timestamptz, ${cdr.durationSec}::int, ${cdr.billableSec}::int,
              ${cdr.rateDeckId ?? null}::uuid, ${cdr.ratePrefix ?? null}, ${cdr.rateDescription ?? null}, ${cdr.hangupBy}::"HangupParty",
              ${cdr.connectFee ?? null}::numeric, ${cdr.pricePerMinute ?? null}::numeric, ${cdr.cost}::numeric, ${cdr.currency})
      ON CONFLICT (call_id) DO NOTHING`;
    return inserted === 1;
  }

  /** Whether Postgres answers at all: tells an outage from a row it refuses. */
  async reachable(): Promise<boolean> {
    try {
      await this.prisma.$queryRaw`SELECT 1`;
      return true;
    } catch {
      return false;
    }
  }
}
