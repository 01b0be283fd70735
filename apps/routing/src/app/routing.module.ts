import { DynamicModule, Module, type Provider } from '@nestjs/common';
import { ClientsModule, Transport, type ClientProxy } from '@nestjs/microservices';
import Redis from 'ioredis';
import pino, { type Logger } from 'pino';
import { redisOptionsFromUrl } from '@branchline/config';
import { DbModule, PrismaService, SqlPool } from '@branchline/db';
import { LocationStore } from '@branchline/location';
import { OpsServer, postgresCheck, redisCheck, sipAppOpsServer } from '@branchline/metrics';
import { SecretBox } from '@branchline/secrets';
import { SipDefence, SipDefenceKeys, lockoutPolicyFrom } from '@branchline/sip-defence';
import { CallEvents } from './call-events';
import { CallPlanner } from './planning/call-planner';
import { CdrRepository } from './data/cdr.repository';
import { CdrWriter } from './billing/cdr-writer';
import { ChannelLeases } from './pstn/channel-leases';
import { DirectoryCache } from './data/directory-cache';
import { DirectoryRepository } from './data/directory.repository';
import { ExtensionCalls } from './extensions/extension-calls';
import { GatewayLegs } from './pstn/gateway-leg';
import { InviteAuthenticator } from './invite/invite-authenticator';
import { InviteHandler } from './invite/invite.handler';
import { LiveCalls } from './billing/live-calls';
import { PstnCalls } from './pstn/pstn-calls';
import { ROUTING_CONFIG, type RoutingConfig } from './routing.config';
import { RoutingController } from './routing.controller';
import { RoutingKeys } from './routing-keys';
import { SpendRepository } from './data/spend.repository';
import { SrfConnections } from './srf-connections';
import { RoutingDrain } from './routing-drain';
import { RoutingMetrics } from './metrics/routing-metrics';
import { EVENT_BUS, LOGGER, REDIS } from './tokens';
import { TrunkRepository } from './data/trunk.repository';

@Module({})
export class RoutingModule {
  static forRoot(config: RoutingConfig): DynamicModule {
    return {
      module: RoutingModule,
      controllers: [RoutingController],
      imports: [
        DbModule.forRoot({ databaseUrl: config.DATABASE_URL }),
        ClientsModule.register([{ name: EVENT_BUS, transport: Transport.REDIS, options: redisOptionsFromUrl(config.REDIS_URL) }]),
      ],
      providers: [...infrastructure(config), ...callHandling(config, new RoutingKeys(config.REDIS_PREFIX))],
    };
  }
}

/** Config, logger, Redis, the directory and its cache, repositories, the bus publisher, the lockout defence. */
function infrastructure(config: RoutingConfig): Provider[] {
  return [
    { provide: ROUTING_CONFIG, useValue: config },
    { provide: LOGGER, useValue: pino({ level: config.LOG_LEVEL, name: 'routing' }) },
    // auto-pipelining: the commands of concurrent calls share socket writes
    { provide: REDIS, useFactory: () => new Redis({ ...redisOptionsFromUrl(config.REDIS_URL), maxRetriesPerRequest: 2, enableAutoPipelining: true }) },
    { provide: DirectoryCache, useValue: new DirectoryCache(config.DIRECTORY_CACHE_SECONDS * 1000) },
    { provide: LocationStore, inject: [REDIS], useFactory: (r: Redis) => new LocationStore(r, { prefix: config.REDIS_PREFIX }) },
    { provide: DirectoryRepository, inject: [PrismaService, DirectoryCache], useFactory: (p: PrismaService, c: DirectoryCache) => new DirectoryRepository(p, c) },
    { provide: CdrRepository, inject: [SqlPool], useFactory: (sql: SqlPool) => new CdrRepository(sql) },
    {
      provide: TrunkRepository,
      inject: [PrismaService, SqlPool, DirectoryCache],
      useFactory: (p: PrismaService, sql: SqlPool, c: DirectoryCache) => new TrunkRepository(p, sql, c),
    },
    { provide: SpendRepository, inject: [SqlPool], useFactory: (sql: SqlPool) => new SpendRepository(sql) },
    { provide: CallEvents, inject: [EVENT_BUS, LOGGER], useFactory: (bus: ClientProxy, l: Logger) => new CallEvents(bus, l) },
    // The registrar's keys and policy: a lock met on REGISTER or INVITE holds on both.
    { provide: SipDefence, inject: [REDIS], useFactory: (r: Redis) => new SipDefence(r, new SipDefenceKeys(config.REDIS_PREFIX), lockoutPolicyFrom(config)) },
  ];
}

/** Everything a call goes through, from the INVITE's authentication to its CDR, and the drachtio attachments. */
function callHandling(config: RoutingConfig, keys: RoutingKeys): Provider[] {
  return [
    {
      provide: InviteAuthenticator,
      inject: [DirectoryRepository, REDIS, SipDefence, CallEvents, LOGGER],
      useFactory: (d: DirectoryRepository, r: Redis, defence: SipDefence, e: CallEvents, l: Logger) =>
        new InviteAuthenticator(d, r, keys, defence, e, l, { secret: config.NONCE_SECRET, ttlSeconds: config.NONCE_TTL_SECONDS, algorithm: config.DIGEST_ALGORITHM }),
    },
    {
      provide: CdrWriter,
      inject: [CdrRepository, REDIS, CallEvents, LOGGER, RoutingMetrics],
      useFactory: (c: CdrRepository, r: Redis, e: CallEvents, l: Logger, m: RoutingMetrics) => new CdrWriter(c, r, keys, e, l, config.CDR_SPOOL_RETRY_MS, m),
    },
    { provide: ChannelLeases, inject: [REDIS], useFactory: (r: Redis) => new ChannelLeases(r, config.CHANNEL_LEASE_SECONDS * 1000) },
    {
      provide: CallPlanner,
      inject: [DirectoryRepository, TrunkRepository, SpendRepository],
      useFactory: (d: DirectoryRepository, t: TrunkRepository, s: SpendRepository) => new CallPlanner(d, t, s),
    },
    {
      provide: LiveCalls,
      inject: [REDIS, CdrWriter, ChannelLeases, LOGGER],
      useFactory: (r: Redis, w: CdrWriter, c: ChannelLeases, l: Logger) => {
        const leaseMs = config.CHANNEL_LEASE_SECONDS * 1000;
        // The hash waits for a reaper as long as other call state does, even with every replica down.
        const keepMs = Math.max(config.CALL_STATE_TTL_SECONDS * 1000, 4 * leaseMs);
        return new LiveCalls(r, keys, w, c, l, { leaseMs, keepMs, reapEveryMs: c.renewEveryMs });
      },
    },
    {
      provide: PstnCalls,
      inject: [ChannelLeases, LiveCalls, CdrWriter, CallEvents, LOGGER, RoutingMetrics],
      useFactory: (c: ChannelLeases, live: LiveCalls, w: CdrWriter, e: CallEvents, l: Logger, m: RoutingMetrics) =>
        new PstnCalls(c, live, keys, w, e, new GatewayLegs(config, config.SECRETS_KEY ? new SecretBox(config.SECRETS_KEY) : null, l), l, m),
    },
    {
      provide: ExtensionCalls,
      inject: [LocationStore, CdrWriter, CallEvents, LiveCalls, LOGGER],
      useFactory: (loc: LocationStore, w: CdrWriter, e: CallEvents, live: LiveCalls, l: Logger) => new ExtensionCalls(config, loc, w, e, live, l),
    },
    {
      provide: InviteHandler,
      inject: [InviteAuthenticator, CallPlanner, ExtensionCalls, PstnCalls, LOGGER, RoutingMetrics],
      useFactory: (a: InviteAuthenticator, planner: CallPlanner, x: ExtensionCalls, p: PstnCalls, l: Logger, m: RoutingMetrics) => new InviteHandler(a, planner, x, p, l, m),
    },
    SrfConnections,
    RoutingDrain,
    ...observability(config, keys),
    {
      provide: 'REDIS_CLOSER',
      inject: [REDIS],
      useFactory: (r: Redis) => ({ onApplicationShutdown: () => r.disconnect() }),
    },
  ];
}

/**
 * Routing's metrics, and /metrics with /health/* on METRICS_PORT (no listener when it is 0). The
 * listener starts at module init, before the drachtio servers are attached (application
 * bootstrap), so readiness says 503 until they are.
 */
function observability(config: RoutingConfig, keys: RoutingKeys): Provider[] {
  const metrics: Provider = { provide: RoutingMetrics, inject: [REDIS], useFactory: (r: Redis) => RoutingMetrics.create(r, keys, config.READINESS_TIMEOUT_MS) };
  if (!config.METRICS_PORT) return [metrics];
  return [
    metrics,
    {
      provide: OpsServer,
      inject: [RoutingMetrics, SqlPool, REDIS, SrfConnections, RoutingDrain],
      useFactory: (m: RoutingMetrics, sql: SqlPool, r: Redis, srf: SrfConnections, drain: RoutingDrain) =>
        sipAppOpsServer(config, {
          registry: m.registry,
          postgres: postgresCheck(sql),
          redis: redisCheck(r),
          drachtioConnected: () => srf.connected,
          accepting: () => !drain.started,
        }),
    },
  ];
}
