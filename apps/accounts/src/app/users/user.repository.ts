import { Injectable } from '@nestjs/common';
import { PrismaService, type Prisma, type Role, type Tx, type User } from '@branchline/db';
import type { Scope } from '../common/scope';
import type { CrudRepository } from '../crud/crud.service';
import type { PageRequest } from '../common/pagination';

export interface UserFilter {
  role?: Role;
  enabled?: boolean;
  q?: string;
}
export type UserWithSites = User & { sites: Array<{ siteId: string }> };
export type UserData = Omit<Prisma.UserUncheckedCreateInput, 'tenantId' | 'sites'> & { siteIds: string[] };
export type UserUpdate = Omit<Prisma.UserUncheckedUpdateInput, 'sites'> & { siteIds?: string[] };

const withSites = { sites: { select: { siteId: true } } };

@Injectable()
export class UserRepository implements CrudRepository<UserWithSites, UserData, UserUpdate, UserFilter> {
  constructor(private readonly prisma: PrismaService) {}

  list(scope: Scope, f: UserFilter, page: PageRequest): Promise<[UserWithSites[], number]> {
    const where: Prisma.UserWhereInput = {
      tenantId: scope.tenantId,
      role: f.role,
      enabled: f.enabled,
      ...(f.q ? { OR: [{ email: { contains: f.q } }, { name: { contains: f.q, mode: 'insensitive' } }] } : {}),
    };
    return Promise.all([
      this.prisma.user.findMany({ where, skip: page.skip, take: page.take, orderBy: page.orderBy, include: withSites }),
      this.prisma.user.count({ where }),
    ]);
  }

  find(scope: Scope, id: string, tx: Tx | PrismaService = this.prisma): Promise<UserWithSites | null> {
    return tx.user.findFirst({ where: { id, tenantId: scope.tenantId }, include: withSites });
  }

  create(tx: Tx, scope: Scope, { siteIds, ...data }: UserData): Promise<UserWithSites> {
    return tx.user.create({
      data: { ...data, tenantId: scope.tenantId, sites: { create: siteIds.map((siteId) => ({ siteId })) } },
      include: withSites,
    });
  }

  async update(tx: Tx, scope: Scope, id: string, { siteIds, ...data }: UserUpdate): Promise<UserWithSites> {
    if (siteIds) {
      await tx.userSite.deleteMany({ where: { userId: id, user: { tenantId: scope.tenantId } } });
      await tx.userSite.createMany({ data: siteIds.map((siteId) => ({ userId: id, siteId })) });
    }
    return tx.user.update({ where: { id, tenantId: scope.tenantId }, data, include: withSites });
  }

  async delete(tx: Tx, scope: Scope, id: string): Promise<void> {
    await tx.user.delete({ where: { id, tenantId: scope.tenantId } });
  }

  countEnabledAdmins(tx: Tx, tenantId: string, exceptId: string): Promise<number> {
    return tx.user.count({ where: { tenantId, role: 'ADMIN', enabled: true, id: { not: exceptId } } });
  }
}
