import { Injectable } from '@nestjs/common';
import { PrismaService, type OutboundRoute, type Prisma, type Tx } from '@branchline/db';
import type { Scope } from '../common/scope';
import type { CrudRepository } from '../crud/crud.service';
import type { PageRequest } from '../common/pagination';

export interface RouteFilter {
  siteId?: string;
  gatewayId?: string;
  isEmergency?: boolean;
  enabled?: boolean;
}

export type RouteWithGateways = OutboundRoute & { gateways: Array<{ gatewayId: string; position: number }> };
export type RouteData = Omit<Prisma.OutboundRouteUncheckedCreateInput, 'tenantId' | 'gateways'> & { gatewayIds: string[] };
export type RouteUpdate = Omit<Prisma.OutboundRouteUncheckedUpdateInput, 'gateways'> & { gatewayIds?: string[] };

const withGateways = { gateways: { select: { gatewayId: true, position: true }, orderBy: { position: 'asc' as const } } };

function ordered(gatewayIds: string[]) {
  return gatewayIds.map((gatewayId, position) => ({ gatewayId, position }));
}

@Injectable()
export class RouteRepository implements CrudRepository<RouteWithGateways, RouteData, RouteUpdate, RouteFilter> {
  constructor(private readonly prisma: PrismaService) {}

  list(scope: Scope, f: RouteFilter, page: PageRequest): Promise<[RouteWithGateways[], number]> {
    const where: Prisma.OutboundRouteWhereInput = {
      tenantId: scope.tenantId,
      siteId: f.siteId,
      isEmergency: f.isEmergency,
      enabled: f.enabled,
      ...(f.gatewayId ? { gateways: { some: { gatewayId: f.gatewayId } } } : {}),
    };
    return Promise.all([
      this.prisma.outboundRoute.findMany({ where, skip: page.skip, take: page.take, orderBy: page.orderBy, include: withGateways }),
      this.prisma.outboundRoute.count({ where }),
    ]);
  }

  find(scope: Scope, id: string, tx: Tx | PrismaService = this.prisma): Promise<RouteWithGateways | null> {
    return tx.outboundRoute.findFirst({ where: { id, tenantId: scope.tenantId }, include: withGateways });
  }

  create(tx: Tx, scope: Scope, { gatewayIds, ...data }: RouteData): Promise<RouteWithGateways> {
    return tx.outboundRoute.create({
      data: { ...data, tenantId: scope.tenantId, gateways: { create: ordered(gatewayIds) } },
      include: withGateways,
    });
  }

  async update(tx: Tx, scope: Scope, id: string, { gatewayIds, ...data }: RouteUpdate): Promise<RouteWithGateways> {
    if (gatewayIds) {
      await tx.outboundRouteGateway.deleteMany({ where: { routeId: id, route: { tenantId: scope.tenantId } } });
      await tx.outboundRouteGateway.createMany({ data: ordered(gatewayIds).map((g) => ({ ...g, routeId: id })) });
    }
    return tx.outboundRoute.update({ where: { id, tenantId: scope.tenantId }, data, include: withGateways });
  }

  async delete(tx: Tx, scope: Scope, id: string): Promise<void> {
    await tx.outboundRoute.delete({ where: { id, tenantId: scope.tenantId } });
  }
}
