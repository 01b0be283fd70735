import type { CallDirection } from '@branchline/contracts';
import type { CalleeExtension, CallerExtension, GatewayPeer, TenantRealm } from '../data/directory.repository';
import type { PstnDestination } from '../planning/call-planner';

/** What routing knows about a call from the moment it routes it; kept in Redis until the CDR is written. */
export interface CallContext {
  callId: string;
  tenantId: string;
  currency: string;
  direction: CallDirection;
  callerNumber: string;
  callerName: string | null;
  callerExtensionId: string | null;
  siteId: string | null;
  costCentre: string | null;
  dialedNumber: string;
  calleeExtensionId: string | null;
  sourceIp: string | null;
  userAgent: string | null;
  startedAtMs: number;
  /** E.164 of the called number (outside and inbound calls). */
  normalizedNumber?: string | null;
  /** The trunk an inbound call came from. */
  gatewayId?: string | null;
}

/** What an INVITE says about its call, read once when it arrives. */
export interface InviteFacts {
  callId: string;
  /** The Request-URI user. */
  dialedNumber: string;
  sourceIp: string;
  /** At most 200 characters. */
  userAgent: string | null;
  startedAtMs: number;
}

/** Where the plan sends a call, with who is on each end: each kind fills the context its own way. */
export type RoutedCall =
  | { kind: 'internal'; realm: TenantRealm; caller: CallerExtension; callee: CalleeExtension }
  | { kind: 'outside'; realm: TenantRealm; caller: CallerExtension; dest: PstnDestination }
  | { kind: 'inbound'; gateway: GatewayPeer; callerNumber: string; did: { didNumber: string; siteId: string | null }; callee: InboundCallee };

/** The extension a DID rings, with its site's cost centre. */
export type InboundCallee = CalleeExtension & { costCentre: string | null };

/**
 * A call's context, pure: the one place it is built, for calls between
 * extensions, outside (PSTN and emergency) calls and calls from a trunk to a
 * DID. An inbound call belongs to the DID's site, else the callee's, and
 * costs nothing in the tenant's currency.
 */
export function callContext(invite: InviteFacts, call: RoutedCall): CallContext {
  const common = {
    callId: invite.callId,
    dialedNumber: invite.dialedNumber,
    sourceIp: invite.sourceIp,
    userAgent: invite.userAgent,
    startedAtMs: invite.startedAtMs,
  };
  if (call.kind === 'inbound') {
    return {
      ...common,
      tenantId: call.gateway.tenantId,
      currency: call.gateway.currency,
      direction: 'INBOUND',
      callerNumber: call.callerNumber.slice(0, 64),
      callerName: null,
      callerExtensionId: null,
      siteId: call.did.siteId ?? call.callee.siteId,
      costCentre: call.callee.costCentre,
      calleeExtensionId: call.callee.extensionId,
      normalizedNumber: call.did.didNumber,
      gatewayId: call.gateway.gatewayId,
    };
  }
  const { realm, caller } = call;
  const fromExtension = {
    ...common,
    tenantId: realm.tenantId,
    currency: realm.currency,
    callerNumber: caller.number,
    callerName: caller.displayName,
    callerExtensionId: caller.extensionId,
    siteId: caller.site.id,
    costCentre: caller.site.costCentre,
  };
  if (call.kind === 'internal') return { ...fromExtension, direction: 'INTERNAL', calleeExtensionId: call.callee.extensionId };
  const { dest } = call;
  return {
    ...fromExtension,
    direction: dest.kind === 'emergency' ? 'EMERGENCY' : 'OUTBOUND',
    calleeExtensionId: null,
    normalizedNumber: dest.kind === 'external' ? dest.e164 : dest.number,
  };
}
