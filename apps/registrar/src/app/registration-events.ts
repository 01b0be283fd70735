import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { eventMessage, publishEvent } from '@branchline/bus';
import { Events, type RegistrationBlockedEvent, type RegistrationEvent, type RegistrationView } from '@branchline/contracts';
import type { ApplyResult, Binding, ExpiredBinding } from '@branchline/location';
import type { Attempt, Notice } from '@branchline/sip-defence';
import type { SipCredential } from './credential.repository';

export function toView(tenantId: string, extensionId: string, user: string, b: Binding): RegistrationView {
  return {
    tenantId,
    extensionId,
    user,
    contact: b.contact,
    source: b.source,
    ...(b.userAgent ? { userAgent: b.userAgent } : {}),
    expiresAt: new Date(b.expiresAt).toISOString(),
    registeredAt: new Date(b.registeredAt).toISOString(),
    registrar: b.registrar,
  };
}

/**
 * Publishes registration events on the Redis bus (Nest's event format, see
 * publishEvent), on the registrar's own Redis connection. The binding in Redis
 * is the fact; an event is a notification, so a failed publish is logged, not
 * retried.
 */
export class RegistrationEvents {
  constructor(
    private readonly redis: Redis,
    private readonly logger: Logger,
  ) {}

  /**
   * The events a registration's change makes, as messages for LocationStore.apply to publish
   * in the same step as the write: announced if and only if it happened.
   */
  messagesFor(c: SipCredential, r: ApplyResult): Array<{ channel: string; message: string }> {
    const occurredAt = new Date().toISOString();
    const out: Array<{ channel: string; message: string }> = [];
    const add = (event: RegistrationEvent['event'], bindings: Binding[]) => {
      for (const b of bindings) {
        const payload: RegistrationEvent = { event, registration: toView(c.tenantId, c.extensionId, c.user, b), occurredAt };
        out.push({ channel: event, message: eventMessage(event, payload) });
      }
    };
    add(Events.RegistrationAdded, r.added);
    add(Events.RegistrationRefreshed, r.refreshed);
    add(Events.RegistrationRemoved, r.removed);
    add(Events.RegistrationExpired, r.expired);
    return out;
  }

  async expired(e: ExpiredBinding, extensionId: string): Promise<void> {
    const event = Events.RegistrationExpired;
    await this.emit(event, { event, registration: toView(e.tenantId, extensionId, e.user, e.binding), occurredAt: new Date().toISOString() });
  }

  /** A lock or slow-down this replica met for the first time (libs/sip-defence): a log line and registration.blocked. */
  async blocked(a: Attempt, n: Notice): Promise<void> {
    const until = new Date(n.untilMs).toISOString();
    this.logger.warn({ source: a.source, realm: a.realm, user: a.user, reason: n.reason, until }, 'registration blocked');
    const payload: RegistrationBlockedEvent = {
      event: Events.RegistrationBlocked,
      source: a.source,
      user: a.user,
      realm: a.realm,
      reason: n.reason,
      until,
      occurredAt: new Date().toISOString(),
    };
    await this.emit(Events.RegistrationBlocked, payload);
  }

  private async emit(pattern: string, payload: RegistrationEvent | RegistrationBlockedEvent): Promise<void> {
    try {
      await publishEvent(this.redis, pattern, payload);
    } catch (e) {
      this.logger.warn({ err: e, pattern }, 'registration event not published');
    }
  }
}
