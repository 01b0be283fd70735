import { Injectable } from '@nestjs/common';
import { PrismaService, type Prisma, type Rate, type RateDeck, type Tx } from '@branchline/db';
import type { Scope } from '../common/scope';
import type { CrudRepository } from '../crud/crud.service';
import type { PageRequest } from '../common/pagination';

export interface RateDeckFilter {
  gatewayId?: string;
}
type DeckData = Omit<Prisma.RateDeckUncheckedCreateInput, 'tenantId'>;

@Injectable()
export class RateDeckRepository implements CrudRepository<RateDeck, DeckData, Prisma.RateDeckUncheckedUpdateInput, RateDeckFilter> {
  constructor(private readonly prisma: PrismaService) {}

  list(scope: Scope, f: RateDeckFilter, page: PageRequest): Promise<[RateDeck[], number]> {
    const where: Prisma.RateDeckWhereInput = { tenantId: scope.tenantId, gatewayId: f.gatewayId };
    return Promise.all([
      this.prisma.rateDeck.findMany({ where, skip: page.skip, take: page.take, orderBy: page.orderBy }),
      this.prisma.rateDeck.count({ where }),
    ]);
  }

  find(scope: Scope, id: string, tx: Tx | PrismaService = this.prisma): Promise<RateDeck | null> {
    return tx.rateDeck.findFirst({ where: { id, tenantId: scope.tenantId } });
  }

  create(tx: Tx, scope: Scope, data: DeckData): Promise<RateDeck> {
    return tx.rateDeck.create({ data: { ...data, tenantId: scope.tenantId } });
  }

  update(tx: Tx, scope: Scope, id: string, data: Prisma.RateDeckUncheckedUpdateInput): Promise<RateDeck> {
    return tx.rateDeck.update({ where: { id, tenantId: scope.tenantId }, data });
  }

  async delete(tx: Tx, scope: Scope, id: string): Promise<void> {
    await tx.rateDeck.delete({ where: { id, tenantId: scope.tenantId } });
  }
}

export interface RateFilter {
  rateDeckId: string;
  prefix?: string;
  q?: string;
}
type RateData = Omit<Prisma.RateUncheckedCreateInput, 'tenantId'>;

@Injectable()
export class RateRepository implements CrudRepository<Rate, RateData, Prisma.RateUncheckedUpdateInput, RateFilter> {
  constructor(private readonly prisma: PrismaService) {}

  list(scope: Scope, f: RateFilter, page: PageRequest): Promise<[Rate[], number]> {
    const where: Prisma.RateWhereInput = {
      tenantId: scope.tenantId,
      rateDeckId: f.rateDeckId,
      ...(f.prefix ? { prefix: { startsWith: f.prefix } } : {}),
      ...(f.q ? { description: { contains: f.q, mode: 'insensitive' } } : {}),
    };
    return Promise.all([
      this.prisma.rate.findMany({ where, skip: page.skip, take: page.take, orderBy: page.orderBy }),
      this.prisma.rate.count({ where }),
    ]);
  }

  find(scope: Scope, id: string, tx: Tx | PrismaService = this.prisma): Promise<Rate | null> {
    return tx.rate.findFirst({ where: { id, tenantId: scope.tenantId } });
  }

  create(tx: Tx, scope: Scope, data: RateData): Promise<Rate> {
    return tx.rate.create({ data: { ...data, tenantId: scope.tenantId } });
  }

  update(tx: Tx, scope: Scope, id: string, data: Prisma.RateUncheckedUpdateInput): Promise<Rate> {
    return tx.rate.update({ where: { id, tenantId: scope.tenantId }, data });
  }

  async delete(tx: Tx, scope: Scope, id: string): Promise<void> {
    await tx.rate.delete({ where: { id, tenantId: scope.tenantId } });
  }
}
