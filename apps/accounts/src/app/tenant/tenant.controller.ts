import { Body, Controller, Get, Injectable, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { Events } from '@branchline/contracts';
import { PrismaService, type Tenant, type Tx } from '@branchline/db';
import { Allow, Ctx, CurrentPrincipal, type Principal } from '../auth/principal';
import { Permission } from '../auth/permissions';
import { MutationService, type MutationContext } from '../audit/mutation.service';
import { countryCode, currency, name } from '../common/schemas';

/** The sipDomain is the digest realm baked into every HA1, so it is fixed at creation. */
class UpdateTenantDto extends createZodDto(
  z.object({ name: name(), currency: currency(), countryCode: countryCode() }).partial().strict(),
) {}

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

@ApiTags('tenant')
@ApiBearerAuth()
@Controller('tenant')
export class TenantController {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly mutations: MutationService,
  ) {}

  @Get()
  @Allow(Permission.TenantRead)
  @ApiOperation({ summary: 'The caller\'s tenant: name, SIP domain, currency, country' })
  get(@CurrentPrincipal() p: Principal) {
    return this.tenants.get(p.tenantId);
  }

  @Patch()
  @Allow(Permission.TenantWrite)
  update(@Ctx() ctx: MutationContext, @Body() body: UpdateTenantDto) {
    const { tenantId } = ctx.principal;
    return this.mutations.run(ctx, async (tx) => {
      const before = await this.tenants.get(tenantId, tx);
      const after = await this.tenants.update(tx, tenantId, body);
      return { result: after, changes: [{ action: Events.TenantUpdated, entityType: 'tenant', entityId: tenantId, before, after }] };
    });
  }
}
