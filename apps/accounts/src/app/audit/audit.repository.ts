import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService, type AuditLog, type Tx } from '@branchline/db';
import type { Actor } from '@branchline/contracts';
import type { PageRequest } from '../common/pagination';

export interface NewAuditEntry {
  tenantId: string;
  actor: Actor;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId?: string;
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  action?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
}

const json = (v: unknown) => (v === null || v === undefined ? Prisma.DbNull : (v as Prisma.InputJsonValue));

@Injectable()
export class AuditRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(tx: Tx, e: NewAuditEntry): Promise<AuditLog> {
    return tx.auditLog.create({
      data: {
        tenantId: e.tenantId,
        actorType: e.actor.type,
        actorId: e.actor.id,
        actorLabel: e.actor.label,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        before: json(e.before),
        after: json(e.after),
        requestId: e.requestId ?? null,
      },
    });
  }

  async list(tenantId: string, f: AuditFilter, page: PageRequest): Promise<[AuditLog[], number]> {
    const where: Prisma.AuditLogWhereInput = {
      tenantId,
      entityType: f.entityType,
      entityId: f.entityId,
      action: f.action,
      actorId: f.actorId,
      createdAt: { gte: f.from, lt: f.to },
    };
    return Promise.all([
      this.prisma.auditLog.findMany({ where, skip: page.skip, take: page.take, orderBy: page.orderBy }),
      this.prisma.auditLog.count({ where }),
    ]);
  }

  /** Entries whose event has not reached Redis yet (the outbox). */
  findUnpublished(olderThan: Date, limit: number): Promise<AuditLog[]> {
    return this.prisma.auditLog.findMany({
      where: { publishedAt: null, createdAt: { lt: olderThan } },
      orderBy: { createdAt: 'asc' },
      take: limit,
    });
  }

  async markPublished(ids: string[]): Promise<void> {
    if (ids.length) await this.prisma.auditLog.updateMany({ where: { id: { in: ids } }, data: { publishedAt: new Date() } });
  }
}
