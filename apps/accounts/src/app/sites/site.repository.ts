import { Injectable } from '@nestjs/common';
import { PrismaService, type Prisma, type Site, type Tx } from '@branchline/db';
import type { Scope } from '../common/scope';
import type { PageRequest } from '../common/pagination';
import type { CreateSite, UpdateSite } from './site.dto';

export interface SiteFilter {
  code?: string;
  costCentre?: string;
  q?: string;
}

@Injectable()
export class SiteRepository {
  constructor(private readonly prisma: PrismaService) {}

  private where(scope: Scope, extra: Prisma.SiteWhereInput = {}): Prisma.SiteWhereInput {
    return { tenantId: scope.tenantId, ...(scope.siteIds ? { id: { in: scope.siteIds } } : {}), ...extra };
  }

  async list(scope: Scope, f: SiteFilter, page: PageRequest): Promise<[Site[], number]> {
    const where = this.where(scope, {
      code: f.code,
      costCentre: f.costCentre,
      ...(f.q ? { name: { contains: f.q, mode: 'insensitive' } } : {}),
    });
    return Promise.all([
      this.prisma.site.findMany({ where, skip: page.skip, take: page.take, orderBy: page.orderBy }),
      this.prisma.site.count({ where }),
    ]);
  }

  find(scope: Scope, id: string, tx: Tx | PrismaService = this.prisma): Promise<Site | null> {
    return tx.site.findFirst({ where: this.where(scope, { id }) });
  }

  /** Sites of the tenant whose extension range overlaps [start, end]. */
  findOverlapping(tx: Tx, tenantId: string, start: number, end: number, excludeId?: string): Promise<Site[]> {
    return tx.site.findMany({
      where: {
        tenantId,
        extensionRangeStart: { lte: end },
        extensionRangeEnd: { gte: start },
        ...(excludeId ? { id: { not: excludeId } } : {}),
      },
    });
  }

  create(tx: Tx, tenantId: string, data: CreateSite): Promise<Site> {
    return tx.site.create({ data: { ...data, tenantId } });
  }

  async update(tx: Tx, tenantId: string, id: string, data: UpdateSite): Promise<Site> {
    return tx.site.update({ where: { id, tenantId }, data });
  }

  async delete(tx: Tx, tenantId: string, id: string): Promise<void> {
    await tx.site.delete({ where: { id, tenantId } });
  }

  countExtensions(tx: Tx, tenantId: string, siteId: string): Promise<number> {
    return tx.extension.count({ where: { tenantId, siteId } });
  }

  /** Extensions that would fall outside a narrowed range. */
  async countExtensionsOutside(tx: Tx, tenantId: string, siteId: string, start: number, end: number): Promise<number> {
    const rows = await tx.extension.findMany({ where: { tenantId, siteId }, select: { number: true } });
    return rows.filter((r) => Number(r.number) < start || Number(r.number) > end).length;
  }
}
