import { Injectable } from '@nestjs/common';
import { Events } from '@branchline/contracts';
import type { Tx, User } from '@branchline/db';
import { hashPassword } from '@branchline/secrets';
import type { Principal } from '../auth/principal';
import { MutationService } from '../audit/mutation.service';
import { CrudService, type CrudSpec } from '../crud/crud.service';
import { ConflictError, ValidationError } from '../common/errors';
import { References } from '../common/references';
import type { CreateUser, UpdateUser } from './user.dto';
import { UserRepository, type UserData, type UserFilter, type UserUpdate, type UserWithSites } from './user.repository';

export type UserView = Omit<User, 'passwordHash'> & { siteIds: string[] };

@Injectable()
export class UserService extends CrudService<UserWithSites, CreateUser, UpdateUser, UserData, UserUpdate, UserFilter, UserView> {
  protected readonly spec: CrudSpec = {
    entity: 'user',
    label: 'User',
    events: { created: Events.UserCreated, updated: Events.UserUpdated, deleted: Events.UserDeleted },
    defaultSort: [{ email: 'asc' }],
  };

  constructor(
    private readonly users: UserRepository,
    mutations: MutationService,
    private readonly refs: References,
  ) {
    super(users, mutations);
  }

  protected override view({ passwordHash: _h, sites, ...user }: UserWithSites): UserView {
    return { ...user, siteIds: sites.map((s) => s.siteId) };
  }

  protected async prepareCreate(tx: Tx, p: Principal, input: CreateUser): Promise<UserData> {
    await this.refs.mustExist(tx, p.tenantId, 'site', 'siteIds', input.siteIds);
    const { password, ...rest } = input;
    return { ...rest, siteIds: input.role === 'SITE_ADMIN' ? input.siteIds : [], passwordHash: await hashPassword(password) };
  }

  protected async prepareUpdate(tx: Tx, p: Principal, before: UserWithSites, input: UpdateUser): Promise<UserUpdate> {
    const role = input.role ?? before.role;
    const siteIds = input.siteIds ?? before.sites.map((s) => s.siteId);
    if (role === 'SITE_ADMIN' && siteIds.length === 0) throw ValidationError.field('siteIds', 'a SITE_ADMIN needs at least one site');
    await this.refs.mustExist(tx, p.tenantId, 'site', 'siteIds', input.siteIds);
    const losesAdmin = before.role === 'ADMIN' && (role !== 'ADMIN' || input.enabled === false);
    if (losesAdmin) await this.keepOneAdmin(tx, p.tenantId, before.id);
    const { password, ...rest } = input;
    return {
      ...rest,
      ...(role !== 'SITE_ADMIN' ? { siteIds: [] } : {}),
      ...(password ? { passwordHash: await hashPassword(password) } : {}),
    };
  }

  protected override async checkDelete(tx: Tx, p: Principal, before: UserWithSites) {
    if (before.role === 'ADMIN') await this.keepOneAdmin(tx, p.tenantId, before.id);
  }

  private async keepOneAdmin(tx: Tx, tenantId: string, userId: string) {
    if ((await this.users.countEnabledAdmins(tx, tenantId, userId)) === 0) {
      throw new ConflictError('A tenant must keep at least one enabled ADMIN');
    }
  }
}
