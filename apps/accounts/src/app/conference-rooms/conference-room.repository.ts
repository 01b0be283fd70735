import { Injectable } from '@nestjs/common';
import { PrismaService, type ConferenceRoom, type Prisma, type Tx } from '@branchline/db';
import { siteFilter, type Scope } from '../common/scope';
import type { CrudRepository } from '../crud/crud.service';
import type { PageRequest } from '../common/pagination';

export interface ConferenceRoomFilter {
  siteId?: string;
  enabled?: boolean;
  q?: string;
}
type Data = Omit<Prisma.ConferenceRoomUncheckedCreateInput, 'tenantId'>;

@Injectable()
export class ConferenceRoomRepository
  implements CrudRepository<ConferenceRoom, Data, Prisma.ConferenceRoomUncheckedUpdateInput, ConferenceRoomFilter>
{
  constructor(private readonly prisma: PrismaService) {}

  private where(scope: Scope): Prisma.ConferenceRoomWhereInput {
    return { tenantId: scope.tenantId, ...siteFilter(scope) };
  }

  list(scope: Scope, f: ConferenceRoomFilter, page: PageRequest): Promise<[ConferenceRoom[], number]> {
    const where: Prisma.ConferenceRoomWhereInput = {
      ...this.where(scope),
      ...(f.siteId ? { siteId: f.siteId } : {}),
      enabled: f.enabled,
      ...(f.q ? { OR: [{ number: { startsWith: f.q } }, { name: { contains: f.q, mode: 'insensitive' } }] } : {}),
    };
    return Promise.all([
      this.prisma.conferenceRoom.findMany({ where, skip: page.skip, take: page.take, orderBy: page.orderBy }),
      this.prisma.conferenceRoom.count({ where }),
    ]);
  }

  find(scope: Scope, id: string, tx: Tx | PrismaService = this.prisma): Promise<ConferenceRoom | null> {
    return tx.conferenceRoom.findFirst({ where: { ...this.where(scope), id } });
  }

  create(tx: Tx, scope: Scope, data: Data): Promise<ConferenceRoom> {
    return tx.conferenceRoom.create({ data: { ...data, tenantId: scope.tenantId } });
  }

  update(tx: Tx, scope: Scope, id: string, data: Prisma.ConferenceRoomUncheckedUpdateInput): Promise<ConferenceRoom> {
    return tx.conferenceRoom.update({ where: { id, tenantId: scope.tenantId }, data });
  }

  async delete(tx: Tx, scope: Scope, id: string): Promise<void> {
    await tx.conferenceRoom.delete({ where: { id, tenantId: scope.tenantId } });
  }

  /** Rooms share the tenant's dialable numbers with extensions. */
  async numberTaken(tx: Tx, tenantId: string, number: string, exceptRoomId?: string): Promise<boolean> {
    const [ext, room] = await Promise.all([
      tx.extension.count({ where: { tenantId, number } }),
      tx.conferenceRoom.count({ where: { tenantId, number, ...(exceptRoomId ? { id: { not: exceptRoomId } } : {}) } }),
    ]);
    return ext + room > 0;
  }

  countDids(tx: Tx, tenantId: string, roomId: string): Promise<number> {
    return tx.did.count({ where: { tenantId, conferenceRoomId: roomId } });
  }
}
