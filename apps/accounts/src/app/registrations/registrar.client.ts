import { Inject, Injectable, Logger, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { defer, lastValueFrom, mergeMap, throwError, timeout, TimeoutError } from 'rxjs';
import { redisOptionsFromUrl } from '@branchline/config';
import { Requests, type RegistrarListReply, type RegistrarListRequest } from '@branchline/contracts';
import { ACCOUNTS_CONFIG, type AccountsConfig } from '../accounts.config';
import { DomainError } from '../common/errors';
import { RequestBusClient } from '@branchline/bus';

export const REGISTRAR_BUS = Symbol('REGISTRAR_BUS');

export const registrarBusProvider: Provider = {
  provide: REGISTRAR_BUS,
  inject: [ACCOUNTS_CONFIG],
  useFactory: (c: AccountsConfig) => new RequestBusClient(redisOptionsFromUrl(c.REDIS_URL), c.BUS_CHANNEL_PREFIX),
};

/** The registrar did not answer (none running, too slow, or it failed): 503, never a hanging request. */
export class RegistrarUnavailableError extends DomainError {
  readonly status = 503;
  readonly title = 'Service Unavailable';
  constructor(reason: string) {
    super(`The registrar is unavailable: ${reason}`);
  }
}

/** Extension SIP username → number of live bindings; users without any are absent. */
export type Presence = Map<string, number>;

const WARN_EVERY_MS = 60_000;

/** Asks the registrar over the Redis bus (request/response), bounded by REGISTRAR_TIMEOUT_MS. */
@Injectable()
export class RegistrarClient implements OnApplicationShutdown {
  private readonly logger = new Logger(RegistrarClient.name);
  private lastWarnedAt = 0;

  constructor(
    @Inject(REGISTRAR_BUS) private readonly bus: RequestBusClient,
    @Inject(ACCOUNTS_CONFIG) private readonly config: AccountsConfig,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }

  /** Bindings of the named users, or of every registered user of the tenant when `users` is omitted. */
  async list(tenantId: string, users?: string[]): Promise<RegistrarListReply> {
    const request: RegistrarListRequest = { tenantId, ...(users ? { users } : {}) };
    const ms = this.config.REGISTRAR_TIMEOUT_MS;
    try {
      return await lastValueFrom(
        // Nobody subscribed means nobody will answer: say so at once instead of waiting for the timeout.
        defer(() => this.bus.listeners(Requests.RegistrarList)).pipe(
          mergeMap((n) =>
            n
              ? this.bus.send<RegistrarListReply, RegistrarListRequest>(Requests.RegistrarList, request)
              : throwError(() => new Error('no registrar is listening')),
          ),
          timeout({ first: ms }),
        ),
      );
    } catch (e) {
      throw new RegistrarUnavailableError(e instanceof TimeoutError ? `no answer within ${ms} ms` : describe(e));
    }
  }

  /** Live binding counts of the users, or null when the registrar cannot say (callers show "unknown"). */
  async presence(tenantId: string, users: string[]): Promise<Presence | null> {
    if (!users.length) return new Map();
    try {
      const reply = await this.list(tenantId, users);
      const counts: Presence = new Map();
      for (const r of reply.registrations) counts.set(r.user, (counts.get(r.user) ?? 0) + 1);
      return counts;
    } catch (e) {
      if (!(e instanceof RegistrarUnavailableError)) throw e;
      // Lists stay usable without the registrar; one warning a minute is enough to notice.
      if (Date.now() - this.lastWarnedAt > WARN_EVERY_MS) {
        this.lastWarnedAt = Date.now();
        this.logger.warn(`Online state unknown: ${e.message}`);
      }
      return null;
    }
  }
}

function describe(e: unknown): string {
  if (e instanceof Error) return e.message;
  // RPC errors arrive as plain objects ({ code, message } or Nest's { status, message }).
  const message = (e as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : JSON.stringify(e);
}
