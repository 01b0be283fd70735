import { Injectable } from '@nestjs/common';
import { PrismaService, type Prisma, type Tenant, type Tx } from '@branchline/db';
import type { PageRequest } from '../common/pagination';
import type { CreateTenantDto } from './platform.dto';

/** The operator's side: only tenants, never their data. */
@Injectable()
export class PlatformRepository {
  constructor(private readonly prisma: PrismaService) {}

  list(q: string | undefined, page: PageRequest): Promise<[Tenant[], number]> {
    const where: Prisma.TenantWhereInput = q ? { OR: [{ name: { contains: q, mode: 'insensitive' } }, { slug: { contains: q } }] } : {};
    return Promise.all([
      this.prisma.tenant.findMany({ where, skip: page.skip, take: page.take, orderBy: page.orderBy }),
      this.prisma.tenant.count({ where }),
    ]);
  }

  find(id: string, tx: Tx | PrismaService = this.prisma) {
    return tx.tenant.findUnique({ where: { id } });
  }

  async emailTaken(tx: Tx, email: string): Promise<boolean> {
    return (await tx.user.count({ where: { email } })) > 0;
  }

  createWithAdmin(tx: Tx, t: Omit<CreateTenantDto, 'admin'>, admin: { email: string; name: string; passwordHash: string }) {
    return tx.tenant.create({ data: { ...t, users: { create: { ...admin, role: 'ADMIN' } } } });
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.tenant.delete({ where: { id } });
  }
}
