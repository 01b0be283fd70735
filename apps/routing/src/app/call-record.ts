import type { CallDirection, CallDisposition, HangupParty } from '@branchline/contracts';

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
  /** CSeq number of the INVITE that was routed: a final response with another CSeq (an earlier 407) is not this call's. */
  inviteCseq: number;
  /** From-tag of the caller: a BYE carrying it was sent by the caller. */
  callerTag: string;
}

/** How a call ended, as drachtio's cdr:stop told it. */
export interface CallEnd {
  endedAtMs: number;
  /** normal-release, call-rejected, call-canceled, ack-timeout, session-expired, system-initiated-termination */
  reason: string;
  /** The final response's status for a call that was never answered. */
  status: number | null;
  /** From-tag of the BYE that ended an answered call. */
  byeFromTag: string | null;
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
}

/** Disposition of a call that was never answered, from its final status. */
export function unansweredDisposition(status: number | null, reason: string): CallDisposition {
  if (status === 487 || reason === 'call-canceled') return 'CANCELLED';
  if (status === 486 || status === 600 || status === 603) return 'BUSY';
  if (status === 408 || status === 480) return 'NO_ANSWER';
  return 'FAILED';
}

/**
 * The CDR of an internal call, pure. Duration counts from answer to end,
 * rounded to the nearest second; internal calls are free (billable 0, cost 0).
 */
export function internalCdr(id: string, ctx: CallContext, answeredAtMs: number | null, end: CallEnd): CdrRecord {
  let disposition: CallDisposition;
  let hangupBy: HangupParty | null;
  let sipStatus: number | null;
  if (answeredAtMs !== null) {
    disposition = 'ANSWERED';
    sipStatus = 200;
    if (end.reason !== 'normal-release') hangupBy = 'SYSTEM';
    else hangupBy = end.byeFromTag === ctx.callerTag ? 'CALLER' : 'CALLEE';
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
    durationSec: answeredAtMs === null ? 0 : Math.round((endedAtMs - answeredAtMs) / 1000),
    billableSec: 0,
    hangupBy,
    cost: '0',
    currency: ctx.currency,
  };
}
