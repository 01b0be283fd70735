import { Injectable } from '@nestjs/common';
import { Events } from '@branchline/contracts';
import type { ApiKey } from '@branchline/db';
import { generateApiKey } from '@branchline/secrets';
import { scopeOf, type Principal } from '../auth/principal';
import { MutationService, type MutationContext } from '../audit/mutation.service';
import { ConflictError, NotFoundError } from '../common/errors';
import { References } from '../common/references';
import { pageRequest, type Page } from '../common/pagination';
import type { ApiKeyListQuery, CreateApiKey } from './api-key.dto';
import { ApiKeyRepository, type ApiKeyWithSites } from './api-key.repository';

export type ApiKeyView = Omit<ApiKey, 'keyHash'> & { siteIds: string[] };

function view({ keyHash: _h, sites, ...k }: ApiKeyWithSites): ApiKeyView {
  return { ...k, siteIds: sites.map((s) => s.siteId) };
}

@Injectable()
export class ApiKeyService {
  constructor(
    private readonly repo: ApiKeyRepository,
    private readonly mutations: MutationService,
    private readonly refs: References,
  ) {}

  async list(p: Principal, q: ApiKeyListQuery): Promise<Page<ApiKeyView>> {
    const { page, pageSize, sort, ...f } = q;
    const [rows, total] = await this.repo.list(scopeOf(p), f, pageRequest({ page, pageSize, sort }, [{ createdAt: 'desc' }]));
    return { data: rows.map(view), page, pageSize, total };
  }

  async get(p: Principal, id: string): Promise<ApiKeyView> {
    const key = await this.repo.find(scopeOf(p), id);
    if (!key) throw new NotFoundError('API key', id);
    return view(key);
  }

  /** The key itself is in this response only; we keep just its SHA-256. */
  create(ctx: MutationContext, input: CreateApiKey): Promise<ApiKeyView & { key: string }> {
    const scope = scopeOf(ctx.principal);
    return this.mutations.run(ctx, async (tx) => {
      await this.refs.mustExist(tx, scope.tenantId, 'site', 'siteIds', input.siteIds);
      const { key, prefix, hash } = generateApiKey();
      const created = await this.repo.create(tx, scope, {
        name: input.name,
        role: input.role,
        prefix,
        keyHash: hash,
        createdBy: ctx.principal.actor.id,
        expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
        siteIds: input.role === 'SITE_ADMIN' ? input.siteIds : [],
      });
      const after = view(created);
      return { result: { ...after, key }, changes: [{ action: Events.ApiKeyCreated, entityType: 'api-key', entityId: created.id, before: null, after }] };
    });
  }

  revoke(ctx: MutationContext, id: string): Promise<void> {
    const scope = scopeOf(ctx.principal);
    return this.mutations.run(ctx, async (tx) => {
      const before = await this.repo.find(scope, id, tx);
      if (!before) throw new NotFoundError('API key', id);
      if (before.revokedAt) throw new ConflictError('The API key is already revoked');
      const after = view(await this.repo.revoke(tx, scope, id));
      return { result: undefined, changes: [{ action: Events.ApiKeyRevoked, entityType: 'api-key', entityId: id, before: view(before), after }] };
    });
  }
}
