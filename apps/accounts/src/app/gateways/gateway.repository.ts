import { Injectable } from '@nestjs/common';
import { PrismaService, type Gateway, type Prisma, type Tx } from '@branchline/db';
import type { Scope } from '../common/scope';
import type { CrudRepository } from '../crud/crud.service';
import type { PageRequest } from '../common/pagination';

export interface GatewayFilter {
  siteId?: string;
  enabled?: boolean;
  q?: string;
}
type Data = Omit<Prisma.GatewayUncheckedCreateInput, 'tenantId'>;

@Injectable()
export class GatewayRepository implements CrudRepository<Gateway, Data, Prisma.GatewayUncheckedUpdateInput, GatewayFilter> {
  constructor(private readonly prisma: PrismaService) {}

  list(scope: Scope, f: GatewayFilter, page: PageRequest): Promise<[Gateway[], number]> {
    const where: Prisma.GatewayWhereInput = {
      tenantId: scope.tenantId,
      siteId: f.siteId,
      enabled: f.enabled,
      ...(f.q ? { OR: [{ name: { contains: f.q } }, { host: { contains: f.q } }] } : {}),
    };
    return Promise.all([
      this.prisma.gateway.findMany({ where, skip: page.skip, take: page.take, orderBy: page.orderBy }),
      this.prisma.gateway.count({ where }),
    ]);
  }

  find(scope: Scope, id: string, tx: Tx | PrismaService = this.prisma): Promise<Gateway | null> {
    return tx.gateway.findFirst({ where: { id, tenantId: scope.tenantId } });
  }

  /** Gateways of the tenant among `ids` (to validate references). */

  create(tx: Tx, scope: Scope, data: Data): Promise<Gateway> {
    return tx.gateway.create({ data: { ...data, tenantId: scope.tenantId } });
  }

  update(tx: Tx, scope: Scope, id: string, data: Prisma.GatewayUncheckedUpdateInput): Promise<Gateway> {
    return tx.gateway.update({ where: { id, tenantId: scope.tenantId }, data });
  }

  async delete(tx: Tx, scope: Scope, id: string): Promise<void> {
    await tx.gateway.delete({ where: { id, tenantId: scope.tenantId } });
  }

  routesUsing(tx: Tx, tenantId: string, gatewayId: string): Promise<Array<{ name: string }>> {
    return tx.outboundRoute.findMany({ where: { tenantId, gateways: { some: { gatewayId } } }, select: { name: true } });
  }
}
