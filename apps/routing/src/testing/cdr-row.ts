/** A row of `cdrs` as `pg` returns it (`SELECT *`): numerics as strings, timestamps as Dates. */
export interface CdrRow {
  id: string;
  tenant_id: string;
  call_id: string;
  direction: string;
  disposition: string;
  sip_status: number | null;
  hangup_cause: string | null;
  caller_number: string;
  caller_name: string | null;
  caller_extension_id: string | null;
  site_id: string | null;
  cost_centre: string | null;
  dialed_number: string;
  normalized_number: string | null;
  callee_extension_id: string | null;
  route_id: string | null;
  gateway_id: string | null;
  source_ip: string | null;
  user_agent: string | null;
  started_at: Date;
  answered_at: Date | null;
  ended_at: Date;
  duration_sec: number;
  billable_sec: number;
  rate_deck_id: string | null;
  rate_prefix: string | null;
  rate_description: string | null;
  hangup_by: string | null;
  connect_fee: string | null;
  price_per_minute: string | null;
  cost: string;
  currency: string;
  created_at: Date;
}
