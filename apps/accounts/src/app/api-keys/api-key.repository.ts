import { Injectable } from '@nestjs/common';
import { PrismaService, type ApiKey, type Prisma, type Tx } from '@branchline/db';
import type { Scope } from '../common/scope';
import type { PageRequest } from '../common/pagination';

export type ApiKeyWithSites = ApiKey & { sites: Array<{ siteId: string }> };
const withSites = { sites: { select: { siteId: true } } };

@Injectable()
export class ApiKeyRepository {
  constructor(private readonly prisma: PrismaService) {}

  list(scope: Scope, f: { revoked?: boolean }, page: PageRequest): Promise<[ApiKeyWithSites[], number]> {
    const where: Prisma.ApiKeyWhereInput = {
      tenantId: scope.tenantId,
      ...(f.revoked === undefined ? {} : { revokedAt: f.revoked ? { not: null } : null }),
    };
    return Promise.all([
      this.prisma.apiKey.findMany({ where, skip: page.skip, take: page.take, orderBy: page.orderBy, include: withSites }),
      this.prisma.apiKey.count({ where }),
    ]);
  }

  find(scope: Scope, id: string, tx: Tx | PrismaService = this.prisma): Promise<ApiKeyWithSites | null> {
    return tx.apiKey.findFirst({ where: { id, tenantId: scope.tenantId }, include: withSites });
  }

  create(
    tx: Tx,
    scope: Scope,
    data: { name: string; role: ApiKey['role']; prefix: string; keyHash: string; createdBy: string | null; expiresAt: Date | null; siteIds: string[] },
  ): Promise<ApiKeyWithSites> {
    const { siteIds, ...rest } = data;
    return tx.apiKey.create({
      data: { ...rest, tenantId: scope.tenantId, sites: { create: siteIds.map((siteId) => ({ siteId })) } },
      include: withSites,
    });
  }

  revoke(tx: Tx, scope: Scope, id: string): Promise<ApiKeyWithSites> {
    return tx.apiKey.update({ where: { id, tenantId: scope.tenantId }, data: { revokedAt: new Date() }, include: withSites });
  }
}
