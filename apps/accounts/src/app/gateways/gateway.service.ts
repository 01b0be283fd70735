import { Injectable } from '@nestjs/common';
import { Events } from '@branchline/contracts';
import type { Gateway, Prisma, Tx } from '@branchline/db';
import { SecretBox } from '@branchline/secrets';
import type { Principal } from '../auth/principal';
import { MutationService } from '../audit/mutation.service';
import { CrudService, type CrudSpec } from '../crud/crud.service';
import { ConflictError } from '../common/errors';
import { References } from '../common/references';
import type { CreateGateway, UpdateGateway } from './gateway.dto';
import { GatewayRepository, type GatewayFilter } from './gateway.repository';

export type GatewayView = Omit<Gateway, 'passwordEnc'> & { hasPassword: boolean };

@Injectable()
export class GatewayService extends CrudService<
  Gateway,
  CreateGateway,
  UpdateGateway,
  Omit<Prisma.GatewayUncheckedCreateInput, 'tenantId'>,
  Prisma.GatewayUncheckedUpdateInput,
  GatewayFilter,
  GatewayView
> {
  protected readonly spec: CrudSpec = {
    entity: 'gateway',
    label: 'Gateway',
    events: { created: Events.GatewayCreated, updated: Events.GatewayUpdated, deleted: Events.GatewayDeleted },
    defaultSort: [{ name: 'asc' }],
  };

  constructor(
    private readonly gateways: GatewayRepository,
    mutations: MutationService,
    private readonly box: SecretBox,
    private readonly refs: References,
  ) {
    super(gateways, mutations);
  }

  protected override view(g: Gateway): GatewayView {
    const { passwordEnc, ...rest } = g;
    return { ...rest, hasPassword: passwordEnc !== null };
  }

  protected async prepareCreate(tx: Tx, p: Principal, input: CreateGateway) {
    const { password, ...rest } = input;
    await this.refs.mustExist(tx, p.tenantId, 'site', 'siteId', input.siteId);
    return { ...rest, passwordEnc: password ? this.box.encrypt(password) : null };
  }

  protected async prepareUpdate(tx: Tx, p: Principal, _before: Gateway, input: UpdateGateway) {
    const { password, ...rest } = input;
    await this.refs.mustExist(tx, p.tenantId, 'site', 'siteId', input.siteId);
    return { ...rest, ...(password !== undefined ? { passwordEnc: password ? this.box.encrypt(password) : null } : {}) };
  }

  protected override async checkDelete(tx: Tx, p: Principal, before: Gateway) {
    const routes = await this.gateways.routesUsing(tx, p.tenantId, before.id);
    if (routes.length) {
      throw new ConflictError(`The gateway is used by route(s) ${routes.map((r) => r.name).join(', ')}; remove it there first`);
    }
  }
}
