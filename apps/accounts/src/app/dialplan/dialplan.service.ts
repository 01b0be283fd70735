import { Injectable } from '@nestjs/common';
import type { RoutingExplainReply } from '@branchline/contracts';
import { scopeOf, type Principal } from '../auth/principal';
import { NotFoundError } from '../common/errors';
import { renderMoney } from '../common/money';
import type { ExplainBodyDto } from './dialplan.dto';
import { DialplanRepository } from './dialplan.repository';
import { RoutingClient } from './routing.client';

/**
 * Explains a dial: accounts checks that the caller may see the extension,
 * routing answers from the decision code it routes real calls with.
 */
@Injectable()
export class DialplanService {
  constructor(
    private readonly repo: DialplanRepository,
    private readonly routing: RoutingClient,
  ) {}

  async explain(p: Principal, body: ExplainBodyDto): Promise<RoutingExplainReply> {
    const scope = scopeOf(p);
    if (!(await this.repo.findExtension(scope, body.extensionId))) throw new NotFoundError('Extension', body.extensionId);
    const reply = await this.routing.explain({ tenantId: scope.tenantId, extensionId: body.extensionId, dialed: body.dialed });
    // Routing sends amounts as text; they are shown like every other amount of the API.
    return {
      ...reply,
      gateways: reply.gateways.map((g) =>
        g.rate ? { ...g, rate: { ...g.rate, connectFee: renderMoney(g.rate.connectFee), pricePerMinute: renderMoney(g.rate.pricePerMinute) } } : g,
      ),
    };
  }
}
