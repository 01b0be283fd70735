import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '@branchline/db';
import { ValidationError } from './errors';

export type ReferenceKind = 'site' | 'gateway';

/** Which of the given ids are the tenant's own sites or gateways. */
@Injectable()
export class ReferenceRepository {
  constructor(private readonly prisma: PrismaService) {}

  async existing(tx: Tx | PrismaService, tenantId: string, kind: ReferenceKind, ids: string[]): Promise<Set<string>> {
    const where = { tenantId, id: { in: ids } };
    const rows =
      kind === 'site'
        ? await tx.site.findMany({ where, select: { id: true } })
        : await tx.gateway.findMany({ where, select: { id: true } });
    return new Set(rows.map((r) => r.id));
  }
}

/**
 * The one check that a body's siteId(s)/gatewayId(s) name the caller's own
 * tenant's resources: a 422 naming the field (and the index in a list).
 */
@Injectable()
export class References {
  constructor(private readonly repo: ReferenceRepository) {}

  async mustExist(tx: Tx, tenantId: string, kind: ReferenceKind, field: string, value: string | string[] | null | undefined): Promise<void> {
    const ids = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
    if (!ids.length) return;
    const known = await this.repo.existing(tx, tenantId, kind, ids);
    const bad = ids.findIndex((id) => !known.has(id));
    if (bad >= 0) {
      throw ValidationError.field(Array.isArray(value) ? `${field}.${bad}` : field, `does not name a ${kind} of this tenant`);
    }
  }
}
