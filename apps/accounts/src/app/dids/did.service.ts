import { Injectable } from '@nestjs/common';
import { Events } from '@branchline/contracts';
import type { Did, Prisma, Tx } from '@branchline/db';
import { scopeOf, type Principal } from '../auth/principal';
import { MutationService } from '../audit/mutation.service';
import { CrudService, type CrudSpec } from '../crud/crud.service';
import { ValidationError } from '../common/errors';
import { References } from '../common/references';
import { assertSiteWritable } from '../common/scope';
import type { CreateDid, UpdateDid } from './did.dto';
import { DidRepository, type DidFilter } from './did.repository';

@Injectable()
export class DidService extends CrudService<
  Did,
  CreateDid,
  UpdateDid,
  Omit<Prisma.DidUncheckedCreateInput, 'tenantId'>,
  Prisma.DidUncheckedUpdateInput,
  DidFilter
> {
  protected readonly spec: CrudSpec = {
    entity: 'did',
    label: 'DID',
    events: { created: Events.DidCreated, updated: Events.DidUpdated, deleted: Events.DidDeleted },
    defaultSort: [{ number: 'asc' }],
  };

  constructor(
    private readonly dids: DidRepository,
    mutations: MutationService,
    private readonly refs: References,
  ) {
    super(dids, mutations);
  }

  protected async prepareCreate(tx: Tx, p: Principal, input: CreateDid) {
    const siteId = await this.resolveSite(tx, p, input.siteId, input.extensionId, input.conferenceRoomId);
    return { ...input, siteId };
  }

  protected async prepareUpdate(tx: Tx, p: Principal, before: Did, input: UpdateDid) {
    assertSiteWritable(scopeOf(p), before.siteId);
    // Re-pointing at one target clears the other.
    const extensionId = input.extensionId !== undefined ? input.extensionId : input.conferenceRoomId ? null : before.extensionId;
    const conferenceRoomId = input.conferenceRoomId !== undefined ? input.conferenceRoomId : input.extensionId ? null : before.conferenceRoomId;
    if (!extensionId && !conferenceRoomId) throw ValidationError.field('extensionId', 'must name an extension or a conference room');
    const siteId = await this.resolveSite(tx, p, input.siteId !== undefined ? input.siteId : before.siteId, extensionId, conferenceRoomId);
    return { ...input, extensionId, conferenceRoomId, siteId };
  }

  protected override async checkDelete(_tx: Tx, p: Principal, before: Did) {
    assertSiteWritable(scopeOf(p), before.siteId);
  }

  /** Checks the targets belong to the tenant; the DID's site defaults to its target's site. */
  private async resolveSite(
    tx: Tx,
    p: Principal,
    siteId: string | null | undefined,
    extensionId: string | null | undefined,
    roomId: string | null | undefined,
  ): Promise<string | null> {
    let targetSite: string | null = null;
    if (extensionId) {
      const ext = await this.dids.extensionSite(tx, p.tenantId, extensionId);
      if (!ext) throw ValidationError.field('extensionId', 'does not name an extension of this tenant');
      targetSite = ext.siteId;
    }
    if (roomId) {
      const room = await this.dids.roomSite(tx, p.tenantId, roomId);
      if (!room) throw ValidationError.field('conferenceRoomId', 'does not name a conference room of this tenant');
      targetSite = room.siteId;
    }
    await this.refs.mustExist(tx, p.tenantId, 'site', 'siteId', siteId);
    const resolved = siteId ?? targetSite;
    assertSiteWritable(scopeOf(p), resolved);
    return resolved;
  }
}
