/** routing.explain: what routing would do if this extension dialed these digits now. */
export interface RoutingExplainRequest {
  tenantId: string;
  extensionId: string;
  dialed: string;
}

/** The rate a gateway would charge for the number (the line of its deck with the longest prefix, valid now). */
export interface ExplainedRate {
  prefix: string;
  description: string;
  /** Decimal strings, five decimals. */
  connectFee: string;
  pricePerMinute: string;
  currency: string;
}

export interface ExplainedGateway {
  id: string;
  name: string;
  /** The gateway's position in the route's own list. */
  position: number;
  /** Null when no deck prices the number (only emergency calls use such a gateway). */
  rate: ExplainedRate | null;
  /** 1-based order in which a call would try it (least cost first; site first for emergency calls). */
  order: number;
}

export type ExplainedKind = 'internal' | 'emergency' | 'external' | 'invalid';

/**
 * The reply to routing.explain, from the same decision code that routes real
 * INVITEs (without taking channel or site leases: those depend on the moment).
 */
export interface RoutingExplainReply {
  dialed: string;
  kind: ExplainedKind;
  /** E.164 for outside calls, the number for extensions and emergency calls, null when invalid. */
  normalised: string | null;
  /** local | national | international | premium for outside calls, else the kind. */
  category: string | null;
  /** The caller's class of service. */
  classOfService: string;
  allowed: boolean;
  /** Why the call would be refused, as the phone would see it in the reason phrase. */
  reason?: string;
  /** The SIP status a refused call gets. */
  status?: number;
  route?: { id: string; name: string; pattern: string };
  gateways: ExplainedGateway[];
  /** The E.164 number presented to the far end (From / P-Asserted-Identity); null: anonymous or internal. */
  callerId: string | null;
}

/** What a routing request answers with (as the RPC error) when it cannot be served. */
export interface RoutingRequestError {
  code: 'invalid-request' | 'not-found';
  message: string;
}
