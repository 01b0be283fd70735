import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Events } from '@branchline/contracts';
import { hashPassword } from '@branchline/secrets';
import { Public, type Principal } from '../auth/principal';
import { MutationService } from '../audit/mutation.service';
import { ConflictError, NotFoundError, ValidationError } from '../common/errors';
import { IdParam } from '../common/id-param';
import { pageRequest } from '../common/pagination';
import { CreateTenantDto, DeleteTenantQuery, PlatformTenantDto, PlatformTenantPageDto, TenantListQuery } from './platform.dto';
import { PlatformGuard } from './platform.guard';
import { PlatformRepository } from './platform.repository';

const OPERATOR = (tenantId: string): Principal => ({
  tenantId,
  role: 'ADMIN',
  siteIds: null,
  actor: { type: 'SYSTEM', id: null, label: 'platform-operator' },
});

@ApiTags('platform')
@ApiHeader({ name: 'X-Platform-Token', required: true, description: 'The operator token (PLATFORM_TOKEN)' })
@Public()
@UseGuards(PlatformGuard)
@Controller('platform/tenants')
export class PlatformController {
  constructor(
    private readonly repo: PlatformRepository,
    private readonly mutations: MutationService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Operator: list tenants' })
  @ApiOkResponse({ type: PlatformTenantPageDto })
  async list(@Query() q: TenantListQuery) {
    const [data, total] = await this.repo.list(q.q, pageRequest(q, [{ name: 'asc' }]));
    return { data, page: q.page, pageSize: q.pageSize, total };
  }

  @Post()
  @ApiOperation({ summary: 'Operator: create a tenant with its first ADMIN user' })
  @ApiCreatedResponse({ type: PlatformTenantDto })
  async create(@Body() body: CreateTenantDto) {
    const { admin, ...tenant } = body;
    const passwordHash = await hashPassword(admin.password);
    // The audit entry belongs to the new tenant, so its id is known only inside the transaction.
    return this.mutations.runAs(
      (tenantId) => OPERATOR(tenantId),
      async (tx) => {
        if (await this.repo.emailTaken(tx, admin.email)) throw new ConflictError('The admin e-mail is already in use', [{ name: 'admin.email', reason: 'is already in use' }]);
        const created = await this.repo.createWithAdmin(tx, tenant, { email: admin.email, name: admin.name, passwordHash });
        return { tenantId: created.id, result: created, changes: [{ action: Events.TenantCreated, entityType: 'tenant', entityId: created.id, before: null, after: created }] };
      },
    );
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Operator: delete a tenant and everything it owns (repeat its slug in ?confirm=)' })
  @ApiNoContentResponse({ description: 'Done; no body' })
  async remove(@Param() { id }: IdParam, @Query() { confirm }: DeleteTenantQuery) {
    const tenant = await this.repo.find(id);
    if (!tenant) throw new NotFoundError('Tenant', id);
    if (confirm !== tenant.slug) throw ValidationError.field('confirm', 'must repeat the tenant slug');
    // The tenant's audit log goes with it, so this deletion is recorded only in the event and the logs.
    await this.mutations.publishOnly(OPERATOR(id), { action: Events.TenantDeleted, entityType: 'tenant', entityId: id, before: tenant, after: null }, (tx) =>
      this.repo.delete(tx, id),
    );
  }
}
