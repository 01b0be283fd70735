import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Injectable,
  Param,
  Post,
  Query,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { timingSafeEqual, createHash } from 'node:crypto';
import { z } from 'zod';
import { Events } from '@branchline/contracts';
import { PrismaService, type Prisma, type Tenant, type Tx } from '@branchline/db';
import { hashPassword } from '@branchline/secrets';
import { ACCOUNTS_CONFIG, type AccountsConfig } from '../accounts.config';
import { Public, type Principal } from '../auth/principal';
import { MutationService } from '../audit/mutation.service';
import { ConflictError, NotFoundError, UnauthorizedError, ValidationError } from '../common/errors';
import { IdParam } from '../common/id-param';
import { listQuerySchema, pageRequest, type PageRequest } from '../common/pagination';
import { countryCode, currency, name } from '../common/schemas';

const sipDomain = z
  .string()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a DNS domain such as acme.example');

class CreateTenantDto extends createZodDto(
  z
    .object({
      name: name(),
      slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'must be 2-40 lower-case letters, digits or dashes'),
      sipDomain,
      currency: currency().default('EUR'),
      countryCode: countryCode(),
      admin: z
        .object({
          email: z.email({ error: 'must be an e-mail address' }).transform((e) => e.toLowerCase()),
          name: name(),
          password: z.string().min(12, 'must be at least 12 characters').max(200),
        })
        .strict(),
    })
    .strict(),
) {}
class TenantListQuery extends createZodDto(listQuerySchema(['name', 'slug', 'createdAt'], { q: z.string().max(100).optional() })) {}
class DeleteTenantQuery extends createZodDto(z.object({ confirm: z.string({ error: 'must repeat the tenant slug' }) }).strict()) {}

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

@Injectable()
export class PlatformGuard implements CanActivate {
  constructor(@Inject(ACCOUNTS_CONFIG) private readonly config: AccountsConfig) {}

  canActivate(ctx: ExecutionContext): boolean {
    const expected = this.config.PLATFORM_TOKEN;
    // Disabled unless configured: answer as if the endpoints did not exist.
    if (!expected) throw new NotFoundError('Platform API');
    const given = ctx.switchToHttp().getRequest<{ header(n: string): string | undefined }>().header('x-platform-token') ?? '';
    const digest = (v: string) => createHash('sha256').update(v).digest();
    if (!timingSafeEqual(digest(given), digest(expected))) throw new UnauthorizedError('A valid X-Platform-Token is required');
    return true;
  }
}

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
  async list(@Query() q: TenantListQuery) {
    const [data, total] = await this.repo.list(q.q, pageRequest(q, [{ name: 'asc' }]));
    return { data, page: q.page, pageSize: q.pageSize, total };
  }

  @Post()
  @ApiOperation({ summary: 'Operator: create a tenant with its first ADMIN user' })
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
