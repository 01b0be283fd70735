import { Injectable } from '@nestjs/common';
import { Events } from '@branchline/contracts';
import type { Extension, Site, Tx } from '@branchline/db';
import { scopeOf, type Principal } from '../auth/principal';
import { MutationService, type MutationContext } from '../audit/mutation.service';
import { ConflictError, NotFoundError, ValidationError } from '../common/errors';
import { pageRequest, type Page } from '../common/pagination';
import { assertSiteWritable } from '../common/scope';
import { RegistrarClient } from '../registrations/registrar.client';
import { SiteRepository } from '../sites/site.repository';
import type { CreateExtension, ExtensionListQuery, UpdateExtension } from './extension.dto';
import { ExtensionRepository } from './extension.repository';
import { toExtensionView, withPresence, type ExtensionView, type ExtensionWithPassword, type ExtensionWithPresence } from './extension.view';
import { SipCredentialService } from './sip-credentials';

const ENTITY = 'extension';

export function numberInRange(site: Pick<Site, 'extensionRangeStart' | 'extensionRangeEnd'>, number: string): boolean {
  const n = Number(number);
  return n >= site.extensionRangeStart && n <= site.extensionRangeEnd;
}

export function rangeReason(site: Pick<Site, 'code' | 'extensionRangeStart' | 'extensionRangeEnd'>): string {
  return `must be inside site ${site.code}'s range ${site.extensionRangeStart}-${site.extensionRangeEnd}`;
}

@Injectable()
export class ExtensionService {
  constructor(
    private readonly repo: ExtensionRepository,
    private readonly sites: SiteRepository,
    private readonly credentials: SipCredentialService,
    private readonly mutations: MutationService,
    private readonly registrar: RegistrarClient,
  ) {}

  /** One registrar request per page tells which of its phones are online. */
  async list(p: Principal, q: ExtensionListQuery): Promise<Page<ExtensionWithPresence>> {
    const { page, pageSize, sort, ...filter } = q;
    const [rows, total] = await this.repo.list(scopeOf(p), filter, pageRequest({ page, pageSize, sort }, [{ number: 'asc' }], ['number']));
    const presence = await this.registrar.presence(p.tenantId, rows.map((r) => r.sipUsername));
    return { data: rows.map((r) => withPresence(toExtensionView(r), presence)), page, pageSize, total };
  }

  async get(p: Principal, id: string): Promise<ExtensionWithPresence> {
    const view = toExtensionView(await this.mustFind(p, id));
    return withPresence(view, await this.registrar.presence(p.tenantId, [view.sipUsername]));
  }

  create(ctx: MutationContext, input: CreateExtension): Promise<ExtensionWithPassword> {
    const scope = scopeOf(ctx.principal);
    assertSiteWritable(scope, input.siteId);
    return this.mutations.run(ctx, async (tx) => {
      const site = await this.siteFor(tx, ctx.principal, input.siteId);
      if (!numberInRange(site, input.number)) throw ValidationError.field('number', rangeReason(site));
      const sipUsername = input.sipUsername ?? input.number;
      await this.assertUnique(tx, scope.tenantId, input.number, sipUsername);
      const realm = await this.repo.realm(tx, scope.tenantId);
      const { password, ...creds } = this.credentials.make(sipUsername, realm, input.sipPassword);
      const { sipPassword: _given, ...fields } = input;
      const ext = await this.repo.create(tx, scope.tenantId, { ...fields, sipUsername, ...creds });
      const view = toExtensionView(ext);
      return {
        result: { ...view, sipPassword: password },
        changes: [{ action: Events.ExtensionCreated, entityType: ENTITY, entityId: ext.id, before: null, after: view }],
      };
    });
  }

  update(ctx: MutationContext, id: string, input: UpdateExtension): Promise<ExtensionView> {
    const scope = scopeOf(ctx.principal);
    return this.mutations.run(ctx, async (tx) => {
      const before = await this.mustFind(ctx.principal, id, tx);
      assertSiteWritable(scope, before.siteId);
      if (input.siteId) assertSiteWritable(scope, input.siteId);
      const site = await this.siteFor(tx, ctx.principal, input.siteId ?? before.siteId);
      const number = input.number ?? before.number;
      if (!numberInRange(site, number)) throw ValidationError.field('number', rangeReason(site));
      await this.assertUnique(tx, scope.tenantId, input.number, input.sipUsername, id);
      const rekey =
        input.sipUsername && input.sipUsername !== before.sipUsername
          ? this.credentials.rekey(input.sipUsername, await this.repo.realm(tx, scope.tenantId), before.sipPasswordEnc)
          : {};
      const after = toExtensionView(await this.repo.update(tx, scope.tenantId, id, { ...input, ...rekey }));
      return {
        result: after,
        changes: [{ action: Events.ExtensionUpdated, entityType: ENTITY, entityId: id, before: toExtensionView(before), after }],
      };
    });
  }

  resetPassword(ctx: MutationContext, id: string, sipPassword?: string): Promise<ExtensionWithPassword> {
    const scope = scopeOf(ctx.principal);
    return this.mutations.run(ctx, async (tx) => {
      const before = await this.mustFind(ctx.principal, id, tx);
      assertSiteWritable(scope, before.siteId);
      const realm = await this.repo.realm(tx, scope.tenantId);
      const { password, ...creds } = this.credentials.make(before.sipUsername, realm, sipPassword);
      const after = toExtensionView(await this.repo.update(tx, scope.tenantId, id, creds));
      return {
        result: { ...after, sipPassword: password },
        // The audit shows that the password changed, never the password.
        changes: [{ action: Events.ExtensionPasswordReset, entityType: ENTITY, entityId: id, before: toExtensionView(before), after }],
      };
    });
  }

  remove(ctx: MutationContext, id: string): Promise<void> {
    const scope = scopeOf(ctx.principal);
    return this.mutations.run(ctx, async (tx) => {
      const before = await this.mustFind(ctx.principal, id, tx);
      assertSiteWritable(scope, before.siteId);
      const dids = await this.repo.countDids(tx, scope.tenantId, id);
      if (dids) throw new ConflictError(`${dids} DID(s) still point at this extension; re-point them first`);
      await this.repo.delete(tx, scope.tenantId, id);
      return {
        result: undefined,
        changes: [{ action: Events.ExtensionDeleted, entityType: ENTITY, entityId: id, before: toExtensionView(before), after: null }],
      };
    });
  }

  private async mustFind(p: Principal, id: string, tx?: Tx): Promise<Extension> {
    const ext = await this.repo.find(scopeOf(p), id, tx);
    if (!ext) throw new NotFoundError('Extension', id);
    return ext;
  }

  private async siteFor(tx: Tx, p: Principal, siteId: string): Promise<Site> {
    const site = await this.sites.find(scopeOf(p), siteId, tx);
    if (!site) throw ValidationError.field('siteId', 'does not name a site of this tenant');
    return site;
  }

  private async assertUnique(tx: Tx, tenantId: string, number?: string, sipUsername?: string, exceptId?: string) {
    if (number && (await this.repo.takenNumbers(tenantId, [number], exceptId, tx)).size) {
      throw new ConflictError(`Number ${number} is already in use`, [{ name: 'number', reason: 'is already in use' }]);
    }
    if (sipUsername && (await this.repo.takenUsernames(tenantId, [sipUsername], exceptId, tx)).size) {
      throw new ConflictError(`SIP username ${sipUsername} is already in use`, [{ name: 'sipUsername', reason: 'is already in use' }]);
    }
  }
}
