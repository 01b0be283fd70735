import { Injectable } from '@nestjs/common';
import { PrismaService, type CallDirection, type CallDisposition, type Cdr, type Prisma } from '@branchline/db';
import { siteFilter, type Scope } from '../common/scope';
import type { PageRequest } from '../common/pagination';
import type { CdrPeriod } from './date-range';

export interface CdrFilter {
  startedAt?: CdrPeriod;
  siteId?: string;
  extensionId?: string;
  gatewayId?: string;
  direction?: CallDirection;
  disposition?: CallDisposition;
  costCentre?: string;
  callId?: string;
}

/** Read side of the CDR table (routing writes it). */
@Injectable()
export class CdrRepository {
  constructor(private readonly prisma: PrismaService) {}

  private where(scope: Scope, f: CdrFilter = {}): Prisma.CdrWhereInput {
    return {
      tenantId: scope.tenantId,
      ...siteFilter(scope),
      ...(f.siteId ? { siteId: f.siteId } : {}),
      ...(f.extensionId ? { OR: [{ callerExtensionId: f.extensionId }, { calleeExtensionId: f.extensionId }] } : {}),
      gatewayId: f.gatewayId,
      direction: f.direction,
      disposition: f.disposition,
      costCentre: f.costCentre,
      callId: f.callId,
      startedAt: f.startedAt,
    };
  }

  /** The zone finance days are counted in: the site's, else the tenant's first site's, else UTC. */
  async reportingTimeZone(scope: Scope, siteId?: string): Promise<string> {
    const site = await this.prisma.site.findFirst({
      where: { tenantId: scope.tenantId, id: { ...(scope.siteIds ? { in: scope.siteIds } : {}), ...(siteId ? { equals: siteId } : {}) } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { timeZone: true },
    });
    if (site || !siteId) return site?.timeZone ?? 'UTC';
    return this.reportingTimeZone(scope);
  }

  list(scope: Scope, f: CdrFilter, page: PageRequest): Promise<[Cdr[], number]> {
    const where = this.where(scope, f);
    return Promise.all([
      this.prisma.cdr.findMany({ where, skip: page.skip, take: page.take, orderBy: page.orderBy }),
      this.prisma.cdr.count({ where }),
    ]);
  }

  find(scope: Scope, id: string): Promise<Cdr | null> {
    return this.prisma.cdr.findFirst({ where: { ...this.where(scope), id } });
  }
}
