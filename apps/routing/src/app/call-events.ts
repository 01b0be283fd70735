import type { ClientProxy } from '@nestjs/microservices';
import { lastValueFrom, timeout } from 'rxjs';
import type { Logger } from 'pino';
import { Events, type CallBlockedEvent, type CallerBlockedEvent, type CallEvent, type CallEndedEvent, type CallParties } from '@branchline/contracts';
import type { Attempt, Notice } from '@branchline/sip-defence';
import type { CdrRecord } from './billing/cdr-pricing';
import type { CallContext } from './invite/call-context';

function parties(c: CallContext | CdrRecord): CallParties {
  return {
    tenantId: c.tenantId,
    callId: c.callId,
    direction: c.direction,
    callerNumber: c.callerNumber,
    callerExtensionId: c.callerExtensionId,
    siteId: c.siteId,
    dialedNumber: c.dialedNumber,
    calleeExtensionId: c.calleeExtensionId,
  };
}

/**
 * Publishes call events on the Redis bus (and caller.blocked, about who may not
 * call). They are notifications: call.ended goes out only after its CDR is in
 * Postgres, and a failed publish is logged.
 */
export class CallEvents {
  constructor(
    private readonly bus: ClientProxy,
    private readonly logger: Logger,
  ) {}

  started(ctx: CallContext): Promise<void> {
    const now = new Date().toISOString();
    return this.emit({ event: Events.CallStarted, ...parties(ctx), startedAt: new Date(ctx.startedAtMs).toISOString(), occurredAt: now });
  }

  answered(ctx: CallContext, atMs: number): Promise<void> {
    return this.emit({ event: Events.CallAnswered, ...parties(ctx), answeredAt: new Date(atMs).toISOString(), occurredAt: new Date().toISOString() });
  }

  ended(cdr: CdrRecord): Promise<void> {
    const e: CallEndedEvent = {
      event: Events.CallEnded,
      ...parties(cdr),
      cdrId: cdr.id,
      disposition: cdr.disposition,
      sipStatus: cdr.sipStatus,
      hangupBy: cdr.hangupBy,
      startedAt: cdr.startedAt,
      answeredAt: cdr.answeredAt,
      endedAt: cdr.endedAt,
      durationSec: cdr.durationSec,
      billableSec: cdr.billableSec,
      cost: cdr.cost,
      currency: cdr.currency,
      occurredAt: new Date().toISOString(),
    };
    return this.emit(e);
  }

  /** The spend guard refused the call or cut it (details: limit and spend, or duration and cost). */
  blocked(ctx: CallContext, details: Omit<CallBlockedEvent, keyof CallParties | 'event' | 'normalizedNumber' | 'occurredAt'>): Promise<void> {
    return this.emit({
      event: Events.CallBlocked,
      ...parties(ctx),
      normalizedNumber: ctx.normalizedNumber ?? null,
      ...details,
      occurredAt: new Date().toISOString(),
    });
  }

  /** A lock or slow-down of INVITE authentication this replica met for the first time (libs/sip-defence): a log line and caller.blocked. */
  callerBlocked(a: Attempt, n: Notice): Promise<void> {
    const until = new Date(n.untilMs).toISOString();
    this.logger.warn({ source: a.source, realm: a.realm, user: a.user, reason: n.reason, until }, 'caller blocked');
    const e: CallerBlockedEvent = { event: Events.CallerBlocked, source: a.source, user: a.user, realm: a.realm, reason: n.reason, until, occurredAt: new Date().toISOString() };
    return this.emit(e);
  }

  private async emit(payload: CallEvent | CallerBlockedEvent): Promise<void> {
    try {
      await lastValueFrom(this.bus.emit(payload.event, payload).pipe(timeout({ first: 2000 })), { defaultValue: undefined });
    } catch (e) {
      this.logger.warn({ err: e, pattern: payload.event, ...('callId' in payload ? { callId: payload.callId } : {}) }, 'call event not published');
    }
  }
}
