import type { Tx } from '@branchline/db';
import type { EventName } from '@branchline/contracts';
import { scopeOf, type Principal } from '../auth/principal';
import type { MutationContext, MutationService } from '../audit/mutation.service';
import { NotFoundError } from '../common/errors';
import { pageRequest, type OrderBy, type Page, type PageRequest } from '../common/pagination';
import type { Scope } from '../common/scope';

/** What a tenant-owned resource's repository offers; every method is scoped. */
export interface CrudRepository<T, C, U, F> {
  list(scope: Scope, filter: F, page: PageRequest): Promise<[T[], number]>;
  find(scope: Scope, id: string, tx?: Tx): Promise<T | null>;
  create(tx: Tx, scope: Scope, data: C): Promise<T>;
  update(tx: Tx, scope: Scope, id: string, data: U): Promise<T>;
  delete(tx: Tx, scope: Scope, id: string): Promise<void>;
}

export interface CrudSpec {
  /** entityType in audit entries and events. */
  entity: string;
  /** Human name in error messages. */
  label: string;
  events: { created: EventName; updated: EventName; deleted: EventName };
  defaultSort: OrderBy;
}

/**
 * The list/get/create/update/delete flow shared by the plain resources:
 * scoped reads, business checks in hooks, and every write through the
 * MutationService (audit entry + event). Resources with richer rules
 * (sites, extensions) have services of their own.
 */
export abstract class CrudService<T extends { id: string }, CIn, UIn, C, U, F, V = T> {
  protected abstract readonly spec: CrudSpec;

  constructor(
    protected readonly repo: CrudRepository<T, C, U, F>,
    protected readonly mutations: MutationService,
  ) {}

  protected view(entity: T): V {
    return entity as unknown as V;
  }
  protected abstract prepareCreate(tx: Tx, p: Principal, input: CIn): Promise<C>;
  protected abstract prepareUpdate(tx: Tx, p: Principal, before: T, input: UIn): Promise<U>;
  protected async checkDelete(_tx: Tx, _p: Principal, _before: T): Promise<void> {
    /* nothing by default */
  }

  async list(p: Principal, q: { page: number; pageSize: number; sort?: string } & F): Promise<Page<V>> {
    const { page, pageSize, sort, ...filter } = q;
    const [rows, total] = await this.repo.list(scopeOf(p), filter as unknown as F, pageRequest({ page, pageSize, sort }, this.spec.defaultSort));
    return { data: rows.map((r) => this.view(r)), page, pageSize, total };
  }

  async get(p: Principal, id: string): Promise<V> {
    return this.view(await this.mustFind(scopeOf(p), id));
  }

  create(ctx: MutationContext, input: CIn): Promise<V> {
    const scope = scopeOf(ctx.principal);
    return this.mutations.run(ctx, async (tx) => {
      const entity = await this.repo.create(tx, scope, await this.prepareCreate(tx, ctx.principal, input));
      const after = this.view(entity);
      return { result: after, changes: [{ action: this.spec.events.created, entityType: this.spec.entity, entityId: entity.id, before: null, after }] };
    });
  }

  update(ctx: MutationContext, id: string, input: UIn): Promise<V> {
    const scope = scopeOf(ctx.principal);
    return this.mutations.run(ctx, async (tx) => {
      const before = await this.mustFind(scope, id, tx);
      const data = await this.prepareUpdate(tx, ctx.principal, before, input);
      const after = this.view(await this.repo.update(tx, scope, id, data));
      return { result: after, changes: [{ action: this.spec.events.updated, entityType: this.spec.entity, entityId: id, before: this.view(before), after }] };
    });
  }

  remove(ctx: MutationContext, id: string): Promise<void> {
    const scope = scopeOf(ctx.principal);
    return this.mutations.run(ctx, async (tx) => {
      const before = await this.mustFind(scope, id, tx);
      await this.checkDelete(tx, ctx.principal, before);
      await this.repo.delete(tx, scope, id);
      return { result: undefined, changes: [{ action: this.spec.events.deleted, entityType: this.spec.entity, entityId: id, before: this.view(before), after: null }] };
    });
  }

  protected async mustFind(scope: Scope, id: string, tx?: Tx): Promise<T> {
    const entity = await this.repo.find(scope, id, tx);
    if (!entity) throw new NotFoundError(this.spec.label, id);
    return entity;
  }
}
