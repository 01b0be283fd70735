import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PrismaService, type ClassOfService, type Extension, type Prisma, type Tx } from '@branchline/db';
import { siteFilter, type Scope } from '../common/scope';
import type { PageRequest } from '../common/pagination';

export interface ExtensionFilter {
  siteId?: string;
  number?: string;
  classOfService?: ClassOfService;
  enabled?: boolean;
  q?: string;
}

export type NewExtension = Omit<Prisma.ExtensionUncheckedCreateInput, 'tenantId' | 'id' | 'createdAt' | 'updatedAt'>;

@Injectable()
export class ExtensionRepository {
  constructor(private readonly prisma: PrismaService) {}

  private where(scope: Scope, f: ExtensionFilter = {}): Prisma.ExtensionWhereInput {
    return {
      tenantId: scope.tenantId,
      ...siteFilter(scope),
      ...(f.siteId ? { siteId: f.siteId } : {}),
      number: f.number,
      classOfService: f.classOfService,
      enabled: f.enabled,
      ...(f.q
        ? { OR: [{ number: { startsWith: f.q } }, { displayName: { contains: f.q, mode: 'insensitive' } }] }
        : {}),
    };
  }

  list(scope: Scope, f: ExtensionFilter, page: PageRequest): Promise<[Extension[], number]> {
    const where = this.where(scope, f);
    return Promise.all([
      this.prisma.extension.findMany({ where, skip: page.skip, take: page.take, orderBy: page.orderBy }),
      this.prisma.extension.count({ where }),
    ]);
  }

  find(scope: Scope, id: string, tx: Tx | PrismaService = this.prisma): Promise<Extension | null> {
    return tx.extension.findFirst({ where: { ...this.where(scope), id } });
  }

  listBySite(scope: Scope, siteId: string): Promise<Extension[]> {
    return this.prisma.extension.findMany({ where: this.where(scope, { siteId }), orderBy: { number: 'asc' } });
  }

  /** The digest realm of the tenant's extensions. */
  async realm(tx: Tx | PrismaService, tenantId: string): Promise<string> {
    const t = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { sipDomain: true } });
    return t.sipDomain;
  }

  create(tx: Tx, tenantId: string, data: NewExtension): Promise<Extension> {
    return tx.extension.create({ data: { ...data, tenantId } });
  }

  /**
   * Bulk insert in one statement (INSERT ... SELECT FROM unnest of one array
   * per column): a 10,000-row import is one round trip instead of thousands
   * of bound parameters. Returns the new rows' ids and numbers.
   */
  async createMany(tx: Tx, tenantId: string, rows: NewExtension[]): Promise<Array<{ id: string; number: string }>> {
    const ids = rows.map(() => randomUUID());
    const column = <K extends keyof NewExtension>(k: K) => rows.map((r) => r[k] ?? null);
    await tx.$executeRawUnsafe(
      `INSERT INTO extensions (id, tenant_id, site_id, number, display_name, sip_username, ha1_md5, ha1_sha256,
         sip_password_enc, external_caller_id, class_of_service, enabled, created_at, updated_at)
       SELECT u.id, $2::uuid, u.site_id, u.number, u.display_name, u.sip_username, u.ha1_md5, u.ha1_sha256,
         u.sip_password_enc, u.external_caller_id, u.cos::"ClassOfService", u.enabled, now(), now()
       FROM unnest($1::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
         $10::text[], $11::text[], $12::boolean[])
         AS u(id, site_id, number, display_name, sip_username, ha1_md5, ha1_sha256, sip_password_enc,
              external_caller_id, cos, enabled)`,
      ids,
      tenantId,
      column('siteId'),
      column('number'),
      column('displayName'),
      column('sipUsername'),
      column('ha1Md5'),
      column('ha1Sha256'),
      column('sipPasswordEnc'),
      column('externalCallerId'),
      rows.map((r) => r.classOfService ?? 'NATIONAL'),
      rows.map((r) => r.enabled ?? true),
    );
    return rows.map((r, i) => ({ id: ids[i], number: r.number }));
  }

  update(tx: Tx, tenantId: string, id: string, data: Prisma.ExtensionUncheckedUpdateInput): Promise<Extension> {
    return tx.extension.update({ where: { id, tenantId }, data });
  }

  async delete(tx: Tx, tenantId: string, id: string): Promise<void> {
    await tx.extension.delete({ where: { id, tenantId } });
  }

  /** Numbers already dialable in the tenant: extensions and conference rooms share one space. */
  async takenNumbers(
    tenantId: string,
    numbers: string[],
    exceptExtensionId?: string,
    tx: Tx | PrismaService = this.prisma,
  ): Promise<Set<string>> {
    const [ext, rooms] = await Promise.all([
      tx.extension.findMany({
        where: { tenantId, number: { in: numbers }, ...(exceptExtensionId ? { id: { not: exceptExtensionId } } : {}) },
        select: { number: true },
      }),
      tx.conferenceRoom.findMany({ where: { tenantId, number: { in: numbers } }, select: { number: true } }),
    ]);
    return new Set([...ext, ...rooms].map((r) => r.number));
  }

  async takenUsernames(
    tenantId: string,
    usernames: string[],
    exceptExtensionId?: string,
    tx: Tx | PrismaService = this.prisma,
  ): Promise<Set<string>> {
    const rows = await tx.extension.findMany({
      where: { tenantId, sipUsername: { in: usernames }, ...(exceptExtensionId ? { id: { not: exceptExtensionId } } : {}) },
      select: { sipUsername: true },
    });
    return new Set(rows.map((r) => r.sipUsername));
  }

  /** Fresh planner statistics after a bulk insert, so the next lists use the right indexes. */
  async refreshStatistics(): Promise<void> {
    await this.prisma.$executeRawUnsafe('ANALYZE extensions');
  }

  countDids(tx: Tx, tenantId: string, extensionId: string): Promise<number> {
    return tx.did.count({ where: { tenantId, extensionId } });
  }
}
