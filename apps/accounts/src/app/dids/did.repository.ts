import { Injectable } from '@nestjs/common';
import { PrismaService, type Did, type Prisma, type Tx } from '@branchline/db';
import { siteFilter, type Scope } from '../common/scope';
import type { CrudRepository } from '../crud/crud.service';
import type { PageRequest } from '../common/pagination';

export interface DidFilter {
  siteId?: string;
  extensionId?: string;
  conferenceRoomId?: string;
  number?: string;
}
type Data = Omit<Prisma.DidUncheckedCreateInput, 'tenantId'>;

@Injectable()
export class DidRepository implements CrudRepository<Did, Data, Prisma.DidUncheckedUpdateInput, DidFilter> {
  constructor(private readonly prisma: PrismaService) {}

  private where(scope: Scope): Prisma.DidWhereInput {
    return { tenantId: scope.tenantId, ...siteFilter(scope) };
  }

  list(scope: Scope, f: DidFilter, page: PageRequest): Promise<[Did[], number]> {
    const where: Prisma.DidWhereInput = {
      ...this.where(scope),
      ...(f.siteId ? { siteId: f.siteId } : {}),
      extensionId: f.extensionId,
      conferenceRoomId: f.conferenceRoomId,
      ...(f.number ? { number: { startsWith: f.number } } : {}),
    };
    return Promise.all([
      this.prisma.did.findMany({ where, skip: page.skip, take: page.take, orderBy: page.orderBy }),
      this.prisma.did.count({ where }),
    ]);
  }

  find(scope: Scope, id: string, tx: Tx | PrismaService = this.prisma): Promise<Did | null> {
    return tx.did.findFirst({ where: { ...this.where(scope), id } });
  }

  create(tx: Tx, scope: Scope, data: Data): Promise<Did> {
    return tx.did.create({ data: { ...data, tenantId: scope.tenantId } });
  }

  update(tx: Tx, scope: Scope, id: string, data: Prisma.DidUncheckedUpdateInput): Promise<Did> {
    return tx.did.update({ where: { id, tenantId: scope.tenantId }, data });
  }

  async delete(tx: Tx, scope: Scope, id: string): Promise<void> {
    await tx.did.delete({ where: { id, tenantId: scope.tenantId } });
  }

  extensionSite(tx: Tx, tenantId: string, id: string): Promise<{ siteId: string } | null> {
    return tx.extension.findFirst({ where: { tenantId, id }, select: { siteId: true } });
  }

  roomSite(tx: Tx, tenantId: string, id: string): Promise<{ siteId: string | null } | null> {
    return tx.conferenceRoom.findFirst({ where: { tenantId, id }, select: { siteId: true } });
  }
}
