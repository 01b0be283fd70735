import { Injectable } from '@nestjs/common';
import { TransactionRunner, type AuditLog, type Tx } from '@branchline/db';
import type { EventName } from '@branchline/contracts';
import type { Principal } from '../auth/principal';
import { AuditRepository } from './audit.repository';
import { EventOutbox } from './event-outbox.service';

export interface Change {
  action: EventName;
  entityType: string;
  entityId: string;
  /** Public views only: never HA1s, password hashes or encrypted secrets. */
  before: unknown;
  after: unknown;
}

export interface MutationContext {
  principal: Principal;
  requestId?: string;
}

/**
 * The one way to change data: the change and its audit entries commit in one
 * transaction, then the events go out. Nothing is half-written.
 */
@Injectable()
export class MutationService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditRepository,
    private readonly outbox: EventOutbox,
  ) {}

  run<T>(
    ctx: MutationContext,
    work: (tx: Tx) => Promise<{ result: T; changes: Change[] }>,
    options: { timeoutMs?: number } = {},
  ): Promise<T> {
    return this.runAs(
      () => ctx.principal,
      async (tx) => ({ ...(await work(tx)), tenantId: ctx.principal.tenantId }),
      { ...options, requestId: ctx.requestId },
    );
  }

  /** For changes whose tenant is known only inside the transaction (creating a tenant). */
  async runAs<T>(
    principalFor: (tenantId: string) => Principal,
    work: (tx: Tx) => Promise<{ tenantId: string; result: T; changes: Change[] }>,
    options: { timeoutMs?: number; requestId?: string } = {},
  ): Promise<T> {
    const { result, entries } = await this.tx.run(async (tx) => {
      const { tenantId, result, changes } = await work(tx);
      const principal = principalFor(tenantId);
      const entries: AuditLog[] = [];
      for (const c of changes) {
        entries.push(
          await this.audit.create(tx, {
            tenantId,
            actor: principal.actor,
            action: c.action,
            entityType: c.entityType,
            entityId: c.entityId,
            before: c.before,
            after: c.after,
            requestId: options.requestId,
          }),
        );
      }
      return { result, entries };
    }, options);
    await this.outbox.publish(entries);
    return result;
  }

  /**
   * For a change that removes its own audit trail (deleting a tenant cascades
   * to its audit log): commit, then publish the event directly, best effort.
   */
  async publishOnly(principal: Principal, change: Change, work: (tx: Tx) => Promise<void>): Promise<void> {
    await this.tx.run(work);
    await this.outbox.publishEvent({
      event: change.action,
      tenantId: principal.tenantId,
      entityType: change.entityType,
      entityId: change.entityId,
      actor: principal.actor,
      occurredAt: new Date().toISOString(),
      data: (change.after ?? change.before ?? {}) as Record<string, unknown>,
    });
  }
}
