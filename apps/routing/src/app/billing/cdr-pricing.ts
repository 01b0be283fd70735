import type { CallDirection, CallDisposition, HangupParty } from '@branchline/contracts';
import { rateCall, talkedSeconds, type Tariff } from '@branchline/rating';
import type { CallContext } from '../invite/call-context';

/** How a call to an extension ended, as routing's B2BUA saw it. */
export interface CallEnd {
  endedAtMs: number;
  /** normal-release, call-rejected, call-canceled, or routing-replica-lost (billed by a reaper) */
  reason: string;
  /** The final response's status for a call that was never answered. */
  status: number | null;
  /** Who ended an answered call (SYSTEM: the PBX); null for one never answered. */
  by: HangupParty | null;
}

/** One row of `cdrs`, as routing writes it (money as a decimal string, times as ISO strings: it travels through the spool). */
export interface CdrRecord {
  id: string;
  tenantId: string;
  callId: string;
  direction: CallDirection;
  disposition: CallDisposition;
  sipStatus: number | null;
  hangupCause: string | null;
  callerNumber: string;
  callerName: string | null;
  callerExtensionId: string | null;
  siteId: string | null;
  costCentre: string | null;
  dialedNumber: string;
  calleeExtensionId: string | null;
  sourceIp: string | null;
  userAgent: string | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string;
  durationSec: number;
  billableSec: number;
  hangupBy: HangupParty | null;
  cost: string;
  currency: string;
  /** Outside and inbound calls only (absent on CDRs spooled by older builds). */
  normalizedNumber?: string | null;
  routeId?: string | null;
  gatewayId?: string | null;
  rateDeckId?: string | null;
  ratePrefix?: string | null;
  rateDescription?: string | null;
  connectFee?: string | null;
  pricePerMinute?: string | null;
}

/** The tariff line a PSTN call was priced with (null for an unpriced emergency call). */
export interface AppliedRate extends Tariff {
  rateDeckId: string;
  prefix: string;
  description: string;
  currency: string;
}

/** How a PSTN call went, as the B2BUA saw it. */
export interface PstnOutcome {
  routeId: string | null;
  /** The gateway that answered, or the last one tried (null: none was tried). */
  gatewayId: string | null;
  rate: AppliedRate | null;
  answeredAtMs: number | null;
  endedAtMs: number;
  /** The final status of an unanswered call; 200 for an answered one. */
  status: number | null;
  hangupBy: HangupParty;
  reason: string;
  /** The call never reached a gateway: refused by a route, a limit, or nothing to price it. */
  refused?: boolean;
}

/** Disposition of a call that was never answered, from its final status. */
export function unansweredDisposition(status: number | null, reason: string): CallDisposition {
  if (status === 487 || reason === 'call-canceled') return 'CANCELLED';
  if (status === 486 || status === 600 || status === 603) return 'BUSY';
  if (status === 408 || status === 480) return 'NO_ANSWER';
  return 'FAILED';
}

/**
 * The CDR of an internal call, pure. Duration counts from answer to end by
 * the same rule as outside calls (libs/rating `talkedSeconds`: every started
 * second counts); internal calls are free (billable 0, cost 0).
 */
export function internalCdr(id: string, ctx: CallContext, answeredAtMs: number | null, end: CallEnd): CdrRecord {
  let disposition: CallDisposition;
  let hangupBy: HangupParty | null;
  let sipStatus: number | null;
  if (answeredAtMs !== null) {
    disposition = 'ANSWERED';
    sipStatus = 200;
    hangupBy = end.by ?? 'SYSTEM';
  } else {
    disposition = unansweredDisposition(end.status, end.reason);
    sipStatus = end.status;
    hangupBy = disposition === 'CANCELLED' ? 'CALLER' : disposition === 'BUSY' ? 'CALLEE' : 'SYSTEM';
  }
  const endedAtMs = Math.max(end.endedAtMs, answeredAtMs ?? ctx.startedAtMs, ctx.startedAtMs);
  return {
    id,
    tenantId: ctx.tenantId,
    callId: ctx.callId,
    direction: ctx.direction,
    disposition,
    sipStatus,
    hangupCause: end.reason,
    callerNumber: ctx.callerNumber,
    callerName: ctx.callerName,
    callerExtensionId: ctx.callerExtensionId,
    siteId: ctx.siteId,
    costCentre: ctx.costCentre,
    dialedNumber: ctx.dialedNumber,
    calleeExtensionId: ctx.calleeExtensionId,
    sourceIp: ctx.sourceIp,
    userAgent: ctx.userAgent,
    startedAt: new Date(ctx.startedAtMs).toISOString(),
    answeredAt: answeredAtMs === null ? null : new Date(answeredAtMs).toISOString(),
    endedAt: new Date(endedAtMs).toISOString(),
    durationSec: answeredAtMs === null ? 0 : talkedSeconds(new Date(answeredAtMs), new Date(endedAtMs)),
    billableSec: 0,
    hangupBy,
    cost: '0.00000',
    currency: ctx.currency,
    normalizedNumber: ctx.normalizedNumber ?? null,
    gatewayId: ctx.gatewayId ?? null,
  };
}

/**
 * The CDR of an outbound or emergency call, pure: talk time counts every
 * started second from answer to end (libs/rating `talkedSeconds`), and the
 * gateway's rate prices it (`rateCall`: increments, connect fee, one rounding
 * per call) in the rate deck's currency. An unpriced emergency call costs 0.
 */
export function pstnCdr(id: string, ctx: CallContext, o: PstnOutcome): CdrRecord {
  const endedAtMs = Math.max(o.endedAtMs, o.answeredAtMs ?? ctx.startedAtMs, ctx.startedAtMs);
  const answered = o.answeredAtMs !== null;
  const talked = answered ? talkedSeconds(new Date(o.answeredAtMs as number), new Date(endedAtMs)) : 0;
  const charge = o.rate ? rateCall({ answered, talkedSeconds: talked }, o.rate) : { billableSeconds: 0, cost: '0.00000' };
  let disposition: CallDisposition;
  if (answered) disposition = 'ANSWERED';
  else if (o.refused) disposition = 'REFUSED';
  else disposition = unansweredDisposition(o.status, o.reason);
  return {
    id,
    tenantId: ctx.tenantId,
    callId: ctx.callId,
    direction: ctx.direction,
    disposition,
    sipStatus: answered ? 200 : o.status,
    hangupCause: o.reason,
    callerNumber: ctx.callerNumber,
    callerName: ctx.callerName,
    callerExtensionId: ctx.callerExtensionId,
    siteId: ctx.siteId,
    costCentre: ctx.costCentre,
    dialedNumber: ctx.dialedNumber,
    calleeExtensionId: null,
    sourceIp: ctx.sourceIp,
    userAgent: ctx.userAgent,
    startedAt: new Date(ctx.startedAtMs).toISOString(),
    answeredAt: answered ? new Date(o.answeredAtMs as number).toISOString() : null,
    endedAt: new Date(endedAtMs).toISOString(),
    durationSec: talked,
    billableSec: charge.billableSeconds,
    hangupBy: o.hangupBy,
    cost: charge.cost,
    currency: o.rate?.currency ?? ctx.currency,
    normalizedNumber: ctx.normalizedNumber ?? null,
    routeId: o.routeId,
    gatewayId: o.gatewayId,
    rateDeckId: o.rate?.rateDeckId ?? null,
    ratePrefix: o.rate?.prefix ?? null,
    rateDescription: o.rate?.description ?? null,
    connectFee: o.rate?.connectFee ?? null,
    pricePerMinute: o.rate?.pricePerMinute ?? null,
  };
}
