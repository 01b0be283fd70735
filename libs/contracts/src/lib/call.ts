import type { SipAuthBlockReason } from './registration';

/** The kind of a call, as its CDR records it. */
export type CallDirection = 'INTERNAL' | 'OUTBOUND' | 'INBOUND' | 'EMERGENCY';
export type CallDisposition = 'ANSWERED' | 'BUSY' | 'NO_ANSWER' | 'FAILED' | 'CANCELLED' | 'REFUSED';
export type HangupParty = 'CALLER' | 'CALLEE' | 'SYSTEM';

/** Who is calling whom; common to every call event. */
export interface CallParties {
  tenantId: string;
  callId: string;
  direction: CallDirection;
  callerNumber: string;
  callerExtensionId: string | null;
  siteId: string | null;
  dialedNumber: string;
  calleeExtensionId: string | null;
}

/** call.started: routing accepted the call and is ringing the callee. */
export interface CallStartedEvent extends CallParties {
  event: 'call.started';
  startedAt: string;
  occurredAt: string;
}

/** call.answered: the callee answered. */
export interface CallAnsweredEvent extends CallParties {
  event: 'call.answered';
  answeredAt: string;
  occurredAt: string;
}

/**
 * call.ended: published only after the call's CDR is in Postgres (the CDR is
 * the fact; re-read it by `cdrId` for everything else). Money as a decimal string.
 */
export interface CallEndedEvent extends CallParties {
  event: 'call.ended';
  cdrId: string;
  disposition: CallDisposition;
  sipStatus: number | null;
  hangupBy: HangupParty | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string;
  durationSec: number;
  billableSec: number;
  cost: string;
  currency: string;
  occurredAt: string;
}

/**
 * call.blocked: the spend guard stopped an outside call. `spend-limit`: refused
 * before it went out (403), because the extension's or the site's cost today
 * (the site's time-zone day) reached its daily limit; `budget-exhausted`:
 * refused (403) because the site's budget for the month has `hardLimit` and its
 * calls this month cost at least the budget; `max-duration`: a running
 * international call was hung up at the site's maximum. Emergency calls are
 * never blocked. Money as decimal strings.
 */
export interface CallBlockedEvent extends CallParties {
  event: 'call.blocked';
  reason: 'spend-limit' | 'budget-exhausted' | 'max-duration';
  normalizedNumber: string | null;
  /** spend-limit: whose limit was reached. */
  limitOf?: 'extension' | 'site';
  /** spend-limit: the limit and what was spent today when the call was refused. */
  limit?: string;
  spentToday?: string;
  /** budget-exhausted: the budget, its month ("2026-12"), amount and what the site's calls cost this month. */
  budgetId?: string;
  month?: string;
  budget?: string;
  spentThisMonth?: string;
  /** max-duration: the site's maximum, the talk time and what the call cost. */
  maxDurationSec?: number;
  durationSec?: number;
  cost?: string;
  currency?: string;
  occurredAt: string;
}

export type CallEvent = CallStartedEvent | CallAnsweredEvent | CallEndedEvent | CallBlockedEvent;

/**
 * caller.blocked: routing met (set, or found set by another replica or by the registrar) a
 * lockout or slow-down of an INVITE's source or calling user, from failed digest authentications
 * on either path (reasons: SipAuthBlockReason). Published once per lock, replica and 30 s, not per
 * refused INVITE; `until` is when the lock in Redis runs out.
 */
export interface CallerBlockedEvent {
  event: 'caller.blocked';
  source: string;
  /** The user whose password was tried (the digest username), in `realm` (the tenant's SIP domain). */
  user: string;
  realm: string;
  reason: SipAuthBlockReason;
  until: string;
  occurredAt: string;
}
