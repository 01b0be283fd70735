import { Injectable } from '@nestjs/common';
import { PrismaService, type Tenant, type Tx } from '@branchline/db';
import type { UpdateTenantDto } from './tenant.dto';

@Injectable()
export class TenantRepository {
  constructor(private readonly prisma: PrismaService) {}

  get(tenantId: string, tx: Tx | PrismaService = this.prisma): Promise<Tenant> {
    return tx.tenant.findUniqueOrThrow({ where: { id: tenantId } });
  }

  update(tx: Tx, tenantId: string, data: UpdateTenantDto): Promise<Tenant> {
    return tx.tenant.update({ where: { id: tenantId }, data });
  }
}
