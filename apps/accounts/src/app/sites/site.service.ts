import { Injectable } from '@nestjs/common';
import { Events } from '@branchline/contracts';
import type { Site, Tx } from '@branchline/db';
import { scopeOf, type Principal } from '../auth/principal';
import { ConflictError, ForbiddenError, NotFoundError } from '../common/errors';
import { pageRequest, type Page } from '../common/pagination';
import { MutationService, type MutationContext } from '../audit/mutation.service';
import { SiteRepository } from './site.repository';
import type { CreateSite, SiteListQuery, UpdateSite } from './site.dto';

const ENTITY = 'site';

@Injectable()
export class SiteService {
  constructor(
    private readonly repo: SiteRepository,
    private readonly mutations: MutationService,
  ) {}

  async list(p: Principal, q: SiteListQuery): Promise<Page<Site>> {
    const { page, pageSize, sort, ...filter } = q;
    const [data, total] = await this.repo.list(scopeOf(p), filter, pageRequest({ page, pageSize, sort }, [{ code: 'asc' }]));
    return { data, page, pageSize, total };
  }

  async get(p: Principal, id: string): Promise<Site> {
    const site = await this.repo.find(scopeOf(p), id);
    if (!site) throw new NotFoundError('Site', id);
    return site;
  }

  create(ctx: MutationContext, input: CreateSite): Promise<Site> {
    const { tenantId } = ctx.principal;
    return this.mutations.run(ctx, async (tx) => {
      await this.assertNoOverlap(tx, tenantId, input.extensionRangeStart, input.extensionRangeEnd);
      const site = await this.repo.create(tx, tenantId, input);
      return { result: site, changes: [{ action: Events.SiteCreated, entityType: ENTITY, entityId: site.id, before: null, after: site }] };
    });
  }

  update(ctx: MutationContext, id: string, input: UpdateSite): Promise<Site> {
    const scope = scopeOf(ctx.principal);
    return this.mutations.run(ctx, async (tx) => {
      const before = await this.repo.find(scope, id, tx);
      if (!before) throw new NotFoundError('Site', id);
      const start = input.extensionRangeStart ?? before.extensionRangeStart;
      const end = input.extensionRangeEnd ?? before.extensionRangeEnd;
      if (start > end) throw new ConflictError('The extension range would be empty', [{ name: 'extensionRangeEnd', reason: 'must not be below extensionRangeStart' }]);
      if (start !== before.extensionRangeStart || end !== before.extensionRangeEnd) {
        await this.assertNoOverlap(tx, scope.tenantId, start, end, id);
        const outside = await this.repo.countExtensionsOutside(tx, scope.tenantId, id, start, end);
        if (outside) {
          throw new ConflictError(`${outside} extension(s) of this site would fall outside the new range`, [
            { name: 'extensionRangeStart', reason: 'must keep existing extensions in range' },
          ]);
        }
      }
      const after = await this.repo.update(tx, scope.tenantId, id, input);
      return { result: after, changes: [{ action: Events.SiteUpdated, entityType: ENTITY, entityId: id, before, after }] };
    });
  }

  remove(ctx: MutationContext, id: string): Promise<void> {
    const scope = scopeOf(ctx.principal);
    if (scope.siteIds) throw new ForbiddenError('Only a tenant admin may delete sites');
    return this.mutations.run(ctx, async (tx) => {
      const before = await this.repo.find(scope, id, tx);
      if (!before) throw new NotFoundError('Site', id);
      const extensions = await this.repo.countExtensions(tx, scope.tenantId, id);
      if (extensions) throw new ConflictError(`The site still has ${extensions} extension(s); move or delete them first`);
      await this.repo.delete(tx, scope.tenantId, id);
      return { result: undefined, changes: [{ action: Events.SiteDeleted, entityType: ENTITY, entityId: id, before, after: null }] };
    });
  }

  private async assertNoOverlap(tx: Tx, tenantId: string, start: number, end: number, excludeId?: string) {
    const clash = await this.repo.findOverlapping(tx, tenantId, start, end, excludeId);
    if (clash.length) {
      throw new ConflictError(`The extension range ${start}-${end} overlaps site ${clash[0].code}`, [
        { name: 'extensionRangeStart', reason: `overlaps ${clash[0].code} (${clash[0].extensionRangeStart}-${clash[0].extensionRangeEnd})` },
      ]);
    }
  }
}
