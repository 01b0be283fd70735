import { DynamicModule, Module, type Provider } from '@nestjs/common';
import Redis from 'ioredis';
import pino, { type Logger } from 'pino';
import { redisOptionsFromUrl } from '@branchline/config';
import { DbModule, PrismaService, SqlPool } from '@branchline/db';
import { LocationStore } from '@branchline/location';
import { OpsServer, postgresCheck, redisCheck, sipAppOpsServer } from '@branchline/metrics';
import { coalesceWrites } from '@branchline/sip';
import { CredentialRepository } from './credential.repository';
import { SipDefence, SipDefenceKeys, lockoutPolicyFrom } from '@branchline/sip-defence';
import { ExpirySweeper } from './expiry-sweeper';
import { SourceRate } from './local-guard';
import { NonceCounts } from './nonce-counts';
import { RegisterHandler } from './register.handler';
import { RegistrarController } from './registrar.controller';
import { REGISTRAR_CONFIG, type RegistrarConfig } from './registrar.config';
import { RegistrarKeys } from './registrar-keys';
import { RegistrarMetrics } from './registrar-metrics';
import { RegistrationEvents } from './registration-events';
import { SrfConnections } from './srf-connections';
import { LOGGER, REDIS } from './tokens';

@Module({})
export class RegistrarModule {
  static forRoot(config: RegistrarConfig): DynamicModule {
    const keys = new RegistrarKeys(config.REDIS_PREFIX);
    const redisOptions = redisOptionsFromUrl(config.REDIS_URL);
    return {
      module: RegistrarModule,
      imports: [DbModule.forRoot({ databaseUrl: config.DATABASE_URL })],
      controllers: [RegistrarController],
      providers: [
        { provide: REGISTRAR_CONFIG, useValue: config },
        { provide: LOGGER, useValue: pino({ level: config.LOG_LEVEL, name: 'registrar' }) },
        {
          provide: REDIS,
          useFactory: () => {
            const r = new Redis({ ...redisOptions, maxRetriesPerRequest: 2 });
            // Commands issued in the same tick leave in one socket write, so concurrent REGISTERs
            // share system calls. This instead of ioredis' auto-pipelining, whose per-tick Pipeline
            // objects lived long enough under load to be promoted: the GC pauses were the tail.
            r.on('connect', () => coalesceWrites(r.stream));
            return r;
          },
        },
        { provide: LocationStore, inject: [REDIS], useFactory: (r: Redis) => new LocationStore(r, { prefix: config.REDIS_PREFIX, maxBindingsPerAor: config.MAX_CONTACTS }) },
        {
          provide: CredentialRepository,
          inject: [PrismaService, SqlPool, REDIS],
          useFactory: (p: PrismaService, sql: SqlPool, r: Redis) => new CredentialRepository(p, sql, r, keys, config.CREDENTIAL_CACHE_SECONDS),
        },
        // The same keys and policy as routing's INVITE authentication: a lock met on either holds on both.
        { provide: SipDefence, inject: [REDIS], useFactory: (r: Redis) => new SipDefence(r, new SipDefenceKeys(config.REDIS_PREFIX), lockoutPolicyFrom(config)) },
        { provide: NonceCounts, inject: [REDIS], useFactory: (r: Redis) => new NonceCounts(r, keys) },
        { provide: RegistrationEvents, inject: [REDIS, LOGGER], useFactory: (r: Redis, l: Logger) => new RegistrationEvents(r, l) },
        {
          provide: RegisterHandler,
          inject: [CredentialRepository, LocationStore, SipDefence, NonceCounts, RegistrationEvents, LOGGER, RegistrarMetrics],
          useFactory: (c: CredentialRepository, l: LocationStore, d: SipDefence, n: NonceCounts, e: RegistrationEvents, log: Logger, m: RegistrarMetrics) =>
            new RegisterHandler(config, c, l, d, new SourceRate(config.RATE_LIMIT_PER_SOURCE), n, e, keys, log, m),
        },
        SrfConnections,
        { provide: RegistrarMetrics, inject: [LocationStore], useFactory: (l: LocationStore) => RegistrarMetrics.create(l, config.READINESS_TIMEOUT_MS) },
        ...opsListener(config),
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

/**
 * /metrics and /health/* on METRICS_PORT (none when it is 0). Listening from module init, before
 * the drachtio servers are attached (application bootstrap), so readiness says 503 until they are.
 */
function opsListener(config: RegistrarConfig): Provider[] {
  if (!config.METRICS_PORT) return [];
  return [
    {
      provide: OpsServer,
      inject: [RegistrarMetrics, SqlPool, REDIS, SrfConnections],
      useFactory: (m: RegistrarMetrics, sql: SqlPool, r: Redis, srf: SrfConnections) =>
        sipAppOpsServer(config, { registry: m.registry, postgres: postgresCheck(sql), redis: redisCheck(r), drachtioConnected: () => srf.connected }),
    },
  ];
}
