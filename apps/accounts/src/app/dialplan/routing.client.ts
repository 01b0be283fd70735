import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { defer, lastValueFrom, mergeMap, throwError, timeout, TimeoutError } from 'rxjs';
import { RequestBusClient } from '@branchline/bus';
import { redisOptionsFromUrl } from '@branchline/config';
import { Requests, type RoutingExplainReply, type RoutingExplainRequest, type RoutingRequestError } from '@branchline/contracts';
import { ACCOUNTS_CONFIG, type AccountsConfig } from '../accounts.config';
import { DomainError, NotFoundError } from '../common/errors';

export const ROUTING_BUS = Symbol('ROUTING_BUS');

export const routingBusProvider: Provider = {
  provide: ROUTING_BUS,
  inject: [ACCOUNTS_CONFIG],
  useFactory: (c: AccountsConfig) => new RequestBusClient(redisOptionsFromUrl(c.REDIS_URL), c.BUS_CHANNEL_PREFIX),
};

/** Routing did not answer (none running, too slow, or it failed): 503, never a hanging request. */
export class RoutingUnavailableError extends DomainError {
  readonly status = 503;
  readonly title = 'Service Unavailable';
  constructor(reason: string) {
    super(`The routing service is unavailable: ${reason}`);
  }
}

/** Asks routing over the Redis bus (request/response), bounded by ROUTING_TIMEOUT_MS. */
@Injectable()
export class RoutingClient implements OnApplicationShutdown {
  constructor(
    @Inject(ROUTING_BUS) private readonly bus: RequestBusClient,
    @Inject(ACCOUNTS_CONFIG) private readonly config: AccountsConfig,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }

  async explain(request: RoutingExplainRequest): Promise<RoutingExplainReply> {
    const ms = this.config.ROUTING_TIMEOUT_MS;
    try {
      return await lastValueFrom(
        // Nobody subscribed means nobody will answer: say so at once instead of waiting for the timeout.
        defer(() => this.bus.listeners(Requests.RoutingExplain)).pipe(
          mergeMap((n) =>
            n
              ? this.bus.send<RoutingExplainReply, RoutingExplainRequest>(Requests.RoutingExplain, request)
              : throwError(() => new Error('no routing service is listening')),
          ),
          timeout({ first: ms }),
        ),
      );
    } catch (e) {
      const rpc = e as Partial<RoutingRequestError> | null;
      // Accounts checked the extension already; routing not finding it means it was deleted meanwhile.
      if (rpc?.code === 'not-found') throw new NotFoundError('Extension', request.extensionId);
      throw new RoutingUnavailableError(e instanceof TimeoutError ? `no answer within ${ms} ms` : describe(e));
    }
  }
}

function describe(e: unknown): string {
  if (e instanceof Error) return e.message;
  // RPC errors arrive as plain objects ({ code, message } or Nest's { status, message }).
  const message = (e as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : JSON.stringify(e);
}
