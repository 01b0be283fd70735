import type { Pool } from 'pg';
import type { CdrRecord } from '../billing/cdr-pricing';

/**
 * One statement written out by hand and prepared once per connection: the
 * busiest write routing makes (one per call). `call_id` is unique, so a retry
 * after an outage never writes a second row.
 */
const INSERT_CDR = `
  INSERT INTO cdrs (id, tenant_id, call_id, direction, disposition, sip_status, hangup_cause,
                    caller_number, caller_name, caller_extension_id, site_id, cost_centre, dialed_number,
                    normalized_number, callee_extension_id, route_id, gateway_id, source_ip, user_agent,
                    started_at, answered_at, ended_at, duration_sec, billable_sec,
                    rate_deck_id, rate_prefix, rate_description, hangup_by, connect_fee, price_per_minute, cost, currency)
  VALUES ($1::uuid, $2::uuid, $3, $4::"CallDirection", $5::"CallDisposition", $6::int, $7,
          $8, $9, $10::uuid, $11::uuid, $12, $13,
          $14, $15::uuid, $16::uuid, $17::uuid, $18, $19,
          $20::timestamptz, $21::timestamptz, $22::timestamptz, $23::int, $24::int,
          $25::uuid, $26, $27, $28::"HangupParty", $29::numeric, $30::numeric, $31::numeric, $32)
  ON CONFLICT (call_id) DO NOTHING`;

/** Routing owns `cdrs`; this is the only code that writes it. */
export class CdrRepository {
  constructor(private readonly sql: Pool) {}

  /** Inserts the CDR unless its call already has one; true when this call inserted it. */
  async insertOnce(cdr: CdrRecord): Promise<boolean> {
    const r = await this.sql.query({
      name: 'routing-insert-cdr',
      text: INSERT_CDR,
      values: [
        cdr.id, cdr.tenantId, cdr.callId, cdr.direction, cdr.disposition, cdr.sipStatus, cdr.hangupCause,
        cdr.callerNumber, cdr.callerName, cdr.callerExtensionId, cdr.siteId, cdr.costCentre, cdr.dialedNumber,
        cdr.normalizedNumber ?? null, cdr.calleeExtensionId, cdr.routeId ?? null, cdr.gatewayId ?? null, cdr.sourceIp, cdr.userAgent,
        cdr.startedAt, cdr.answeredAt, cdr.endedAt, cdr.durationSec, cdr.billableSec,
        cdr.rateDeckId ?? null, cdr.ratePrefix ?? null, cdr.rateDescription ?? null, cdr.hangupBy,
        cdr.connectFee ?? null, cdr.pricePerMinute ?? null, cdr.cost, cdr.currency,
      ],
    });
    return r.rowCount === 1;
  }
}
