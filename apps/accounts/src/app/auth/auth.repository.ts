import { Injectable } from '@nestjs/common';
import { PrismaService } from '@branchline/db';

/**
 * Credential look-ups happen before a tenant is known (the credential is what
 * tells us the tenant), so these are the only reads not scoped by tenant.
 */
@Injectable()
export class AuthRepository {
  constructor(private readonly prisma: PrismaService) {}

  findUserByEmail(email: string) {
    return this.prisma.user.findUnique({
      where: { email: email.toLowerCase() },
      include: { sites: { select: { siteId: true } } },
    });
  }

  findUserForToken(tenantId: string, userId: string) {
    return this.prisma.user.findFirst({
      where: { id: userId, tenantId },
      include: { sites: { select: { siteId: true } } },
    });
  }

  touchLogin(tenantId: string, userId: string) {
    return this.prisma.user.updateMany({ where: { id: userId, tenantId }, data: { lastLoginAt: new Date() } });
  }

  findApiKeyByHash(keyHash: string) {
    return this.prisma.apiKey.findUnique({
      where: { keyHash },
      include: { sites: { select: { siteId: true } } },
    });
  }

  touchApiKey(tenantId: string, id: string) {
    return this.prisma.apiKey.updateMany({ where: { id, tenantId }, data: { lastUsedAt: new Date() } });
  }
}
