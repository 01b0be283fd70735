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

export type CallEvent = CallStartedEvent | CallAnsweredEvent | CallEndedEvent;
