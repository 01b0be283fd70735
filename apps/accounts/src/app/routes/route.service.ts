import { Injectable } from '@nestjs/common';
import { Events } from '@branchline/contracts';
import type { OutboundRoute, Tx } from '@branchline/db';
import type { Principal } from '../auth/principal';
import { MutationService } from '../audit/mutation.service';
import { CrudService, type CrudSpec } from '../crud/crud.service';
import { References } from '../common/references';
import type { CreateRoute, UpdateRoute } from './route.dto';
import { RouteRepository, type RouteData, type RouteFilter, type RouteUpdate, type RouteWithGateways } from './route.repository';

export type RouteView = OutboundRoute & { gatewayIds: string[] };

@Injectable()
export class RouteService extends CrudService<RouteWithGateways, CreateRoute, UpdateRoute, RouteData, RouteUpdate, RouteFilter, RouteView> {
  protected readonly spec: CrudSpec = {
    entity: 'route',
    label: 'Outbound route',
    events: { created: Events.RouteCreated, updated: Events.RouteUpdated, deleted: Events.RouteDeleted },
    defaultSort: [{ priority: 'asc' }, { name: 'asc' }],
  };

  constructor(
    routes: RouteRepository,
    mutations: MutationService,
    private readonly refs: References,
  ) {
    super(routes, mutations);
  }

  protected override view({ gateways, ...route }: RouteWithGateways): RouteView {
    return { ...route, gatewayIds: gateways.map((g) => g.gatewayId) };
  }

  protected async prepareCreate(tx: Tx, p: Principal, input: CreateRoute): Promise<RouteData> {
    await this.checkRefs(tx, p.tenantId, input.gatewayIds, input.siteId);
    return input;
  }

  protected async prepareUpdate(tx: Tx, p: Principal, _before: RouteWithGateways, input: UpdateRoute): Promise<RouteUpdate> {
    await this.checkRefs(tx, p.tenantId, input.gatewayIds, input.siteId);
    return input;
  }

  private async checkRefs(tx: Tx, tenantId: string, gatewayIds: string[] | undefined, siteId: string | null | undefined) {
    await this.refs.mustExist(tx, tenantId, 'gateway', 'gatewayIds', gatewayIds);
    await this.refs.mustExist(tx, tenantId, 'site', 'siteId', siteId);
  }
}
