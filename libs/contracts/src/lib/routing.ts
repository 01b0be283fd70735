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
  /** Billing increments in seconds, "60/60" or "30/6": the first one charged, then each further one. */
  initialIncrement: number;
  subsequentIncrement: number;
}

/** Whether a call would be charged, and why. */
export interface ExplainedBilling {
  free: boolean;
  /** e.g. "internal calls are free", "emergency calls are free and never rated" */
  note: string;
}

export interface ExplainedGateway {
  id: string;
  name: string;
  /** The gateway's position in the route's own list. */
  position: number;
  /** Null for emergency calls (free, never rated); otherwise the line of its deck that prices the number. */
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
  /** Null for a number that cannot be dialled. */
  billing: ExplainedBilling | null;
}

/** What a routing request answers with (as the RPC error) when it cannot be served. */
export interface RoutingRequestError {
  code: 'invalid-request' | 'not-found';
  message: string;
}
