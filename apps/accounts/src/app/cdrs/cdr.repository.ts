import { Injectable } from '@nestjs/common';
import { PrismaService, type CallDirection, type CallDisposition, type Cdr, type Prisma } from '@branchline/db';
import type { Scope } from '../auth/principal';
import type { PageRequest } from '../common/pagination';
import { siteFilter } from '../common/scope';

export interface CdrFilter {
  from?: string;
  to?: string;
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
      startedAt: { gte: f.from ? new Date(f.from) : undefined, lt: f.to ? new Date(f.to) : undefined },
    };
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
