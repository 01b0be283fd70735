import { Injectable } from '@nestjs/common';
import { PrismaService, type Prisma, type Reconciliation, type ReconciliationRow, type ReconciliationRowStatus, type Tx } from '@branchline/db';
import type { Scope } from '../common/scope';
import type { PageRequest } from '../common/pagination';

/** Our side of a reconciliation: an answered call through the gateway. */
export type AnsweredCall = { id: string; callId: string; normalizedNumber: string | null; dialedNumber: string; answeredAt: Date; durationSec: number; cost: Prisma.Decimal };
export type NewReconciliation = Omit<Prisma.ReconciliationUncheckedCreateInput, 'tenantId' | 'rows'>;
export type NewReconciliationRow = Omit<Prisma.ReconciliationRowCreateManyInput, 'reconciliationId'>;

/** How long a call rings at most before it is answered: our calls are read by start time (the index) and then by answer time. */
const MAX_RING_MS = 60 * 60_000;
const INSERT_BATCH = 5000;

@Injectable()
export class ReconciliationRepository {
  constructor(private readonly prisma: PrismaService) {}

  gateway(scope: Scope, id: string) {
    return this.prisma.gateway.findFirst({ where: { tenantId: scope.tenantId, id }, select: { id: true, name: true, siteId: true } });
  }

  /** The country the carrier's national numbers are in: the gateway's site's, else the tenant's first site's, else the tenant's. */
  async numberingCountry(scope: Scope, siteId: string | null): Promise<{ countryCode: string; countryCallingCode: string | null; currency: string }> {
    const tenant = await this.prisma.tenant.findUniqueOrThrow({ where: { id: scope.tenantId }, select: { countryCode: true, currency: true } });
    const site = await this.prisma.site.findFirst({
      where: { tenantId: scope.tenantId, ...(siteId ? { id: siteId } : {}) },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { countryCode: true, countryCallingCode: true },
    });
    return { countryCode: site?.countryCode ?? tenant.countryCode, countryCallingCode: site?.countryCallingCode ?? null, currency: tenant.currency };
  }

  /** Answered outbound and emergency calls through the gateway, answered in [from, to). */
  answeredCalls(scope: Scope, gatewayId: string, from: Date, to: Date): Promise<AnsweredCall[]> {
    return this.prisma.cdr.findMany({
      where: {
        tenantId: scope.tenantId,
        gatewayId,
        direction: { in: ['OUTBOUND', 'EMERGENCY'] },
        disposition: 'ANSWERED',
        startedAt: { gte: new Date(from.getTime() - MAX_RING_MS), lt: to },
        answeredAt: { gte: from, lt: to },
      },
      select: { id: true, callId: true, normalizedNumber: true, dialedNumber: true, answeredAt: true, durationSec: true, cost: true },
      orderBy: [{ answeredAt: 'asc' }, { id: 'asc' }],
    }) as Promise<AnsweredCall[]>;
  }

  async create(tx: Tx, scope: Scope, data: NewReconciliation, rows: NewReconciliationRow[]): Promise<Reconciliation> {
    const created = await tx.reconciliation.create({ data: { ...data, tenantId: scope.tenantId } });
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      await tx.reconciliationRow.createMany({ data: rows.slice(i, i + INSERT_BATCH).map((r) => ({ ...r, reconciliationId: created.id })) });
    }
    return created;
  }

  list(scope: Scope, f: { gatewayId?: string }, page: PageRequest): Promise<[Reconciliation[], number]> {
    const where: Prisma.ReconciliationWhereInput = { tenantId: scope.tenantId, gatewayId: f.gatewayId };
    return Promise.all([
      this.prisma.reconciliation.findMany({ where, skip: page.skip, take: page.take, orderBy: page.orderBy }),
      this.prisma.reconciliation.count({ where }),
    ]);
  }

  find(scope: Scope, id: string): Promise<Reconciliation | null> {
    return this.prisma.reconciliation.findFirst({ where: { tenantId: scope.tenantId, id } });
  }

  private rowsWhere(scope: Scope, id: string, status?: ReconciliationRowStatus): Prisma.ReconciliationRowWhereInput {
    return { reconciliationId: id, reconciliation: { tenantId: scope.tenantId }, status };
  }

  rows(scope: Scope, id: string, status: ReconciliationRowStatus | undefined, skip: number, take: number): Promise<[ReconciliationRow[], number]> {
    const where = this.rowsWhere(scope, id, status);
    return Promise.all([
      this.prisma.reconciliationRow.findMany({ where, orderBy: { position: 'asc' }, skip, take }),
      this.prisma.reconciliationRow.count({ where }),
    ]);
  }

  /** Every row in report order, a batch at a time (keyset on the position), for a download of any size. */
  async *rowBatches(scope: Scope, id: string, status: ReconciliationRowStatus | undefined, batchRows: number): AsyncGenerator<ReconciliationRow[]> {
    let after = -1;
    for (;;) {
      const batch = await this.prisma.reconciliationRow.findMany({
        where: { ...this.rowsWhere(scope, id, status), position: { gt: after } },
        orderBy: { position: 'asc' },
        take: batchRows,
      });
      if (batch.length) yield batch;
      if (batch.length < batchRows) return;
      after = batch[batch.length - 1].position;
    }
  }
}
