import { Injectable } from '@nestjs/common';
import type { RoutingExplainReply } from '@branchline/contracts';
import { scopeOf, type Principal } from '../auth/principal';
import { NotFoundError } from '../common/errors';
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
    return this.routing.explain({ tenantId: scope.tenantId, extensionId: body.extensionId, dialed: body.dialed });
  }
}
