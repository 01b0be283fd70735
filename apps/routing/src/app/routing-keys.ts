/** Every Redis key routing writes (besides reading the location service's), built here only. */
export class RoutingKeys {
  constructor(private readonly prefix: string) {}

  /**
   * HASH: an answered call's context, route, gateway, rate and answer time, so that any replica
   * can write its CDR if the one holding the call dies (TTL, refreshed while up). Named "pstn"
   * since PSTN calls were the first routing held; calls to extensions share it.
   */
  pstnCall(callId: string): string {
    return `${this.prefix}route:pstn:{${callId}}`;
  }
  /** ZSET: answered calls (Call-ID → "alive until" ms), renewed by the replica holding each; lapsed ones are reaped. */
  livePstnCalls(): string {
    return `${this.prefix}route:pstn-live`;
  }
  /** A nonce-count already used with a nonce: replays are refused (TTL = nonce lifetime). */
  nonceCount(nonce: string, nc: string): string {
    return `${this.prefix}route:nc:${nonce}:${nc}`;
  }
  /** STREAM: CDRs waiting for Postgres to come back (a stream, so no TTL: entries leave once written). */
  cdrSpool(): string {
    return `${this.prefix}route:cdr-spool`;
  }
  /**
   * STREAM: CDRs Postgres refused while it was up (not an outage): kept for an operator, never
   * retried, so one bad row cannot hold back the spool behind it.
   */
  cdrRejected(): string {
    return `${this.prefix}route:cdr-rejected`;
  }
  /** ZSET: leases (Call-ID → expiry ms) on a gateway's channels; the key expires with its newest lease. */
  gatewayChannels(gatewayId: string): string {
    return `${this.prefix}route:gw-channels:${gatewayId}`;
  }
  /** ZSET: leases on a site's concurrent outside calls, as for gateway channels. */
  siteCalls(siteId: string): string {
    return `${this.prefix}route:site-calls:${siteId}`;
  }
}
