import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { lastValueFrom, timeout } from 'rxjs';
import type { AuditLog } from '@branchline/db';
import type { EntityEvent, EventName } from '@branchline/contracts';
import { ACCOUNTS_CONFIG, type AccountsConfig } from '../accounts.config';
import { AuditRepository } from './audit.repository';

export const EVENT_BUS = Symbol('EVENT_BUS');
const PUBLISH_TIMEOUT_MS = 2000;

export function toEntityEvent(entry: AuditLog): EntityEvent {
  return {
    event: entry.action as EventName,
    tenantId: entry.tenantId,
    entityType: entry.entityType,
    entityId: entry.entityId,
    actor: { type: entry.actorType, id: entry.actorId, label: entry.actorLabel },
    occurredAt: entry.createdAt.toISOString(),
    ...(entry.requestId ? { requestId: entry.requestId } : {}),
    data: ((entry.after ?? entry.before) as Record<string, unknown> | null) ?? {},
    ...(entry.after && entry.before ? { previous: entry.before as Record<string, unknown> } : {}),
  };
}

/**
 * Publishes entity events after their transaction committed. The audit entry
 * is the outbox: if Redis is down the entry stays unpublished and the relay
 * sends it later, so an event is delayed but never lost. Consumers must
 * tolerate a repeat (at-least-once).
 */
@Injectable()
export class EventOutbox implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EventOutbox.name);
  private timer?: NodeJS.Timeout;
  private relaying = false;

  constructor(
    @Inject(EVENT_BUS) private readonly bus: ClientProxy,
    private readonly audit: AuditRepository,
    @Inject(ACCOUNTS_CONFIG) private readonly config: AccountsConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.relay(), this.config.OUTBOX_RELAY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.bus.close();
  }

  /** Best effort right after commit; failures are left to the relay. */
  async publish(entries: AuditLog[]): Promise<void> {
    const sent: string[] = [];
    for (const entry of entries) {
      try {
        await this.emit(entry.action, toEntityEvent(entry));
        sent.push(entry.id);
      } catch (e) {
        this.logger.warn(`Event ${entry.action} for ${entry.entityId} not published yet: ${(e as Error).message}`);
        break;
      }
    }
    await this.audit.markPublished(sent).catch((e: Error) => this.logger.warn(`markPublished failed: ${e.message}`));
  }

  /** Publishes an event that has no audit entry behind it; failures are logged, not retried. */
  async publishEvent(event: EntityEvent): Promise<void> {
    try {
      await this.emit(event.event, event);
    } catch (e) {
      this.logger.error(`Event ${event.event} for ${event.entityId} could not be published: ${(e as Error).message}`);
    }
  }

  /** A dead Redis must not hold an HTTP response: give up quickly (the relay retries outbox entries). */
  private emit(pattern: string, event: EntityEvent): Promise<void> {
    return lastValueFrom(this.bus.emit(pattern, event).pipe(timeout({ first: PUBLISH_TIMEOUT_MS })), { defaultValue: undefined });
  }

  async relay(): Promise<number> {
    if (this.relaying) return 0;
    this.relaying = true;
    try {
      const pending = await this.audit.findUnpublished(new Date(Date.now() - this.config.OUTBOX_RELAY_MS), 500);
      if (pending.length) await this.publish(pending);
      return pending.length;
    } catch (e) {
      this.logger.warn(`Outbox relay failed: ${(e as Error).message}`);
      return 0;
    } finally {
      this.relaying = false;
    }
  }
}
