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

  async run<T>(
    ctx: MutationContext,
    work: (tx: Tx) => Promise<{ result: T; changes: Change[] }>,
    options: { timeoutMs?: number } = {},
  ): Promise<T> {
    const { result, entries } = await this.tx.run(async (tx) => {
      const { result, changes } = await work(tx);
      const entries: AuditLog[] = [];
      for (const c of changes) {
        entries.push(
          await this.audit.create(tx, {
            tenantId: ctx.principal.tenantId,
            actor: ctx.principal.actor,
            action: c.action,
            entityType: c.entityType,
            entityId: c.entityId,
            before: c.before,
            after: c.after,
            requestId: ctx.requestId,
          }),
        );
      }
      return { result, entries };
    }, options);
    await this.outbox.publish(entries);
    return result;
  }
}
