import { Controller, DynamicModule, Inject, Injectable, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ClientsModule, EventPattern, MessagePattern, Payload, Transport, type ClientProxy } from '@nestjs/microservices';
import Srf from 'drachtio-srf';
import Redis from 'ioredis';
import pino, { type Logger } from 'pino';
import {
  Events,
  Requests,
  type EntityEvent,
  type ExtensionEventData,
  type RegistrarListRequest,
  type RegistrarLookupRequest,
  type RegistrationView,
} from '@branchline/contracts';
import { redisOptionsFromUrl } from '@branchline/config';
import { DbModule, PrismaService } from '@branchline/db';
import { LocationStore } from '@branchline/location';
import { CredentialRepository } from './credential.repository';
import { Defence } from './defence';
import { RegisterHandler } from './register.handler';
import { REGISTRAR_CONFIG, type RegistrarConfig } from './registrar.config';
import { RegistrarKeys } from './registrar-keys';
import { RegistrationEvents, toView } from './registration-events';

export const REDIS = Symbol('REDIS');
export const EVENT_BUS = Symbol('EVENT_BUS');
export const LOGGER = Symbol('LOGGER');

/** Attaches to every configured drachtio server and hands REGISTERs to the handler. */
@Injectable()
export class SrfConnections implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly srfs: Srf[] = [];

  constructor(
    @Inject(REGISTRAR_CONFIG) private readonly config: RegistrarConfig,
    private readonly handler: RegisterHandler,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const hostport of this.config.DRACHTIO_SERVERS.split(',').map((s) => s.trim())) {
      const [host, port] = hostport.split(':');
      const srf = new Srf();
      srf.use('register', (req, res) => void this.handler.handle(req, res));
      srf.on('error', (err) => this.logger.warn({ err, hostport }, 'drachtio connection error; retrying'));
      srf.on('connect', (_err, hp) => this.logger.info({ hostport, sip: hp }, 'attached to drachtio server'));
      await srf.connect({ host, port: Number(port), secret: this.config.DRACHTIO_SECRET });
      this.srfs.push(srf);
    }
  }

  onApplicationShutdown(): void {
    for (const srf of this.srfs) srf.disconnect();
  }
}

/** Announces bindings that expired, once across all replicas. */
@Injectable()
export class ExpirySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly location: LocationStore,
    private readonly credentials: CredentialRepository,
    private readonly events: RegistrationEvents,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(now = Date.now()): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const expired = await this.location.sweepExpired(now);
      for (const e of expired) {
        const ids = await this.credentials.extensionIds(e.tenantId, [e.user]);
        await this.events.expired(e, ids.get(e.user) ?? '');
      }
      return expired.length;
    } catch (err) {
      this.logger.warn({ err }, 'expiry sweep failed');
      return 0;
    } finally {
      this.running = false;
    }
  }
}

@Controller()
export class RegistrarController {
  constructor(
    private readonly location: LocationStore,
    private readonly credentials: CredentialRepository,
  ) {}

  @MessagePattern(Requests.RegistrarLookup)
  async lookup(@Payload() q: RegistrarLookupRequest): Promise<RegistrationView[]> {
    const ids = await this.credentials.extensionIds(q.tenantId, [q.user]);
    const bindings = await this.location.lookup(q.tenantId, q.user);
    return bindings.map((b) => toView(q.tenantId, ids.get(q.user) ?? '', q.user, b));
  }

  @MessagePattern(Requests.RegistrarList)
  async list(@Payload() q: RegistrarListRequest): Promise<RegistrationView[]> {
    const users = q.users.slice(0, 1000);
    const ids = await this.credentials.extensionIds(q.tenantId, users);
    const all = await Promise.all(users.map(async (u) => (await this.location.lookup(q.tenantId, u)).map((b) => toView(q.tenantId, ids.get(u) ?? '', u, b))));
    return all.flat();
  }

  /** Any change to an extension drops its cached credentials, so it takes effect at once. */
  @EventPattern(Events.ExtensionUpdated)
  onUpdated(@Payload() e: EntityEvent<ExtensionEventData>) {
    return this.forget(e);
  }

  @EventPattern(Events.ExtensionDeleted)
  onDeleted(@Payload() e: EntityEvent<ExtensionEventData>) {
    return this.forget(e);
  }

  @EventPattern(Events.ExtensionPasswordReset)
  onPasswordReset(@Payload() e: EntityEvent<ExtensionEventData>) {
    return this.forget(e);
  }

  private async forget(e: EntityEvent<ExtensionEventData>): Promise<void> {
    const realm = await this.credentials.realmOfTenant(e.tenantId);
    if (!realm) return;
    // A rename must drop the old name's entry too, or the old name would still authenticate.
    const users = new Set([e.data.sipUsername, e.previous?.sipUsername].filter((u): u is string => !!u));
    for (const user of users) await this.credentials.forget(realm, user);
  }
}

@Module({})
export class RegistrarModule {
  static forRoot(config: RegistrarConfig): DynamicModule {
    const keys = new RegistrarKeys(config.REDIS_PREFIX);
    return {
      module: RegistrarModule,
      imports: [
        DbModule.forRoot({ databaseUrl: config.DATABASE_URL }),
        ClientsModule.register([{ name: EVENT_BUS, transport: Transport.REDIS, options: redisOptionsFromUrl(config.REDIS_URL) }]),
      ],
      controllers: [RegistrarController],
      providers: [
        { provide: REGISTRAR_CONFIG, useValue: config },
        { provide: LOGGER, useValue: pino({ level: config.LOG_LEVEL, name: 'registrar' }) },
        { provide: REDIS, useFactory: () => new Redis({ ...redisOptionsFromUrl(config.REDIS_URL), maxRetriesPerRequest: 2 }) },
        { provide: LocationStore, inject: [REDIS], useFactory: (r: Redis) => new LocationStore(r, { prefix: config.REDIS_PREFIX, maxBindingsPerAor: config.MAX_CONTACTS }) },
        {
          provide: CredentialRepository,
          inject: [PrismaService, REDIS],
          useFactory: (p: PrismaService, r: Redis) => new CredentialRepository(p, r, keys, config.CREDENTIAL_CACHE_SECONDS),
        },
        {
          provide: Defence,
          inject: [REDIS],
          useFactory: (r: Redis) =>
            new Defence(r, keys, {
              threshold: config.LOCKOUT_THRESHOLD,
              windowSeconds: config.LOCKOUT_WINDOW_SECONDS,
              lockoutSeconds: config.LOCKOUT_SECONDS,
              ratePerSecond: config.RATE_LIMIT_PER_SOURCE,
            }),
        },
        { provide: RegistrationEvents, inject: [EVENT_BUS, LOGGER], useFactory: (bus: ClientProxy, l: Logger) => new RegistrationEvents(bus, l) },
        {
          provide: RegisterHandler,
          inject: [CredentialRepository, LocationStore, Defence, RegistrationEvents, LOGGER],
          useFactory: (c: CredentialRepository, l: LocationStore, d: Defence, e: RegistrationEvents, log: Logger) =>
            new RegisterHandler(config, c, l, d, e, log),
        },
        SrfConnections,
        ExpirySweeper,
        {
          provide: 'REDIS_CLOSER',
          inject: [REDIS],
          useFactory: (r: Redis) => ({ onApplicationShutdown: () => r.disconnect() }),
        },
      ],
    };
  }
}
