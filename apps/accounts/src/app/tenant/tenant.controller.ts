import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Events } from '@branchline/contracts';
import { Allow, Ctx, CurrentPrincipal, type Principal } from '../auth/principal';
import { Permission } from '../auth/permissions';
import { MutationService, type MutationContext } from '../audit/mutation.service';
import { TenantDto, UpdateTenantDto } from './tenant.dto';
import { TenantRepository } from './tenant.repository';

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
  @ApiOkResponse({ type: TenantDto })
  get(@CurrentPrincipal() p: Principal) {
    return this.tenants.get(p.tenantId);
  }

  @Patch()
  @Allow(Permission.TenantWrite)
  @ApiOkResponse({ type: TenantDto })
  update(@Ctx() ctx: MutationContext, @Body() body: UpdateTenantDto) {
    const { tenantId } = ctx.principal;
    return this.mutations.run(ctx, async (tx) => {
      const before = await this.tenants.get(tenantId, tx);
      const after = await this.tenants.update(tx, tenantId, body);
      return { result: after, changes: [{ action: Events.TenantUpdated, entityType: 'tenant', entityId: tenantId, before, after }] };
    });
  }
}
