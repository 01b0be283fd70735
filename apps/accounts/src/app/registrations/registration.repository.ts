import { Injectable } from '@nestjs/common';
import { PrismaService } from '@branchline/db';
import { inScope, siteFilter, type Scope } from '../common/scope';

/** What a registration shows of its extension. */
export interface RegisteredExtension {
  id: string;
  number: string;
  displayName: string;
  sipUsername: string;
  siteId: string;
  site: { code: string };
}

const SELECT = { id: true, number: true, displayName: true, sipUsername: true, siteId: true, site: { select: { code: true } } } as const;

@Injectable()
export class RegistrationRepository {
  constructor(private readonly prisma: PrismaService) {}

  findExtension(scope: Scope, id: string): Promise<RegisteredExtension | null> {
    return this.prisma.extension.findFirst({ where: { tenantId: scope.tenantId, ...siteFilter(scope), id }, select: SELECT });
  }

  /** Whether the site exists in the scope (a SITE_ADMIN's other sites do not). */
  async siteExists(scope: Scope, id: string): Promise<boolean> {
    const site = await this.prisma.site.findFirst({ where: { tenantId: scope.tenantId, id }, select: { id: true } });
    return !!site && inScope(scope, id);
  }

  /** The scope's extensions with these SIP usernames, optionally of one site or one extension. */
  byUsernames(scope: Scope, usernames: string[], f: { siteId?: string; extensionId?: string } = {}): Promise<RegisteredExtension[]> {
    if (!usernames.length) return Promise.resolve([]);
    return this.prisma.extension.findMany({
      where: {
        tenantId: scope.tenantId,
        ...siteFilter(scope),
        sipUsername: { in: usernames },
        // AND, because siteFilter already uses the siteId key for the scope's sites.
        ...(f.siteId ? { AND: { siteId: f.siteId } } : {}),
        ...(f.extensionId ? { id: f.extensionId } : {}),
      },
      select: SELECT,
    });
  }
}
