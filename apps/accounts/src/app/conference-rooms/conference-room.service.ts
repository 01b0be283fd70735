import { Injectable } from '@nestjs/common';
import { Events } from '@branchline/contracts';
import type { ConferenceRoom, Prisma, Tx } from '@branchline/db';
import { scopeOf, type Principal } from '../auth/principal';
import { MutationService } from '../audit/mutation.service';
import { CrudService, type CrudSpec } from '../crud/crud.service';
import { ConflictError, ValidationError } from '../common/errors';
import { References } from '../common/references';
import { assertSiteWritable } from '../common/scope';
import type { CreateConferenceRoom, UpdateConferenceRoom } from './conference-room.dto';
import { ConferenceRoomRepository, type ConferenceRoomFilter } from './conference-room.repository';

@Injectable()
export class ConferenceRoomService extends CrudService<
  ConferenceRoom,
  CreateConferenceRoom,
  UpdateConferenceRoom,
  Omit<Prisma.ConferenceRoomUncheckedCreateInput, 'tenantId'>,
  Prisma.ConferenceRoomUncheckedUpdateInput,
  ConferenceRoomFilter
> {
  protected readonly spec: CrudSpec = {
    entity: 'conference-room',
    label: 'Conference room',
    events: { created: Events.ConferenceRoomCreated, updated: Events.ConferenceRoomUpdated, deleted: Events.ConferenceRoomDeleted },
    defaultSort: [{ number: 'asc' }],
  };

  constructor(
    private readonly rooms: ConferenceRoomRepository,
    mutations: MutationService,
    private readonly refs: References,
  ) {
    super(rooms, mutations);
  }

  protected async prepareCreate(tx: Tx, p: Principal, input: CreateConferenceRoom) {
    assertSiteWritable(scopeOf(p), input.siteId);
    await this.refs.mustExist(tx, p.tenantId, 'site', 'siteId', input.siteId);
    await this.checkNumber(tx, p.tenantId, input.number);
    return input;
  }

  protected async prepareUpdate(tx: Tx, p: Principal, before: ConferenceRoom, input: UpdateConferenceRoom) {
    assertSiteWritable(scopeOf(p), before.siteId);
    if (input.siteId !== undefined) assertSiteWritable(scopeOf(p), input.siteId);
    await this.refs.mustExist(tx, p.tenantId, 'site', 'siteId', input.siteId);
    if (input.number && input.number !== before.number) await this.checkNumber(tx, p.tenantId, input.number, before.id);
    const pin = input.pin !== undefined ? input.pin : before.pin;
    const moderatorPin = input.moderatorPin !== undefined ? input.moderatorPin : before.moderatorPin;
    if (pin && moderatorPin && pin === moderatorPin) throw ValidationError.field('moderatorPin', 'must differ from the participant PIN');
    return input;
  }

  protected override async checkDelete(tx: Tx, p: Principal, before: ConferenceRoom) {
    assertSiteWritable(scopeOf(p), before.siteId);
    const dids = await this.rooms.countDids(tx, p.tenantId, before.id);
    if (dids) throw new ConflictError(`${dids} DID(s) still point at this room; re-point them first`);
  }

  private async checkNumber(tx: Tx, tenantId: string, number: string, exceptId?: string) {
    if (await this.rooms.numberTaken(tx, tenantId, number, exceptId)) {
      throw new ConflictError(`Number ${number} is already in use`, [{ name: 'number', reason: 'is already in use' }]);
    }
  }
}
