import { Injectable } from '@nestjs/common';
import { PrismaService } from '@branchline/db';
import { siteFilter, type Scope } from '../common/scope';

@Injectable()
export class DialplanRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The extension if it is in the scope (the tenant, and a SITE_ADMIN's own sites). */
  findExtension(scope: Scope, id: string): Promise<{ id: string } | null> {
    return this.prisma.extension.findFirst({ where: { tenantId: scope.tenantId, ...siteFilter(scope), id }, select: { id: true } });
  }
}
