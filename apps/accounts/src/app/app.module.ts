import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ClientsModule, Transport } from '@nestjs/microservices';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Redis from 'ioredis';
import { redisOptionsFromUrl } from '@branchline/config';
import { DbModule } from '@branchline/db';
import { SecretBox } from '@branchline/secrets';
import { ACCOUNTS_CONFIG, type AccountsConfig } from './accounts.config';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthRepository } from './auth/auth.repository';
import { AuthService } from './auth/auth.service';
import { LoginThrottle } from './auth/login-throttle';
import { AuditController } from './audit/audit.controller';
import { AuditRepository } from './audit/audit.repository';
import { EVENT_BUS, EventOutbox } from './audit/event-outbox.service';
import { MutationService } from './audit/mutation.service';
import { MoneyInterceptor } from './common/money.interceptor';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { ReferenceRepository, References } from './common/references';
import { HEALTH_REDIS, HealthController } from './health/health.controller';
import { AccountsMetrics } from './metrics/http-metrics';
import { MetricsController } from './metrics/metrics.controller';
import { FEATURES } from './features';

class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(HEALTH_REDIS) private readonly redis: Redis) {}
  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}

/** Served outside /api/v1: the health probes and the Prometheus scrape. */
export const OPS_PATHS = ['/health', '/health/live', '/health/ready', '/metrics'];

@Module({})
export class AppModule {
  static forRoot(config: AccountsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DbModule.forRoot({ databaseUrl: config.DATABASE_URL }),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            genReqId: (req: IncomingMessage, res: ServerResponse) => {
              const given = req.headers['x-request-id'];
              const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
              res.setHeader('X-Request-Id', id);
              return id;
            },
            redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'],
            // probes and scrapes come every few seconds: not worth a log line each
            autoLogging: { ignore: (req: IncomingMessage) => OPS_PATHS.includes(req.url ?? '') },
          },
        }),
        JwtModule.register({ secret: config.JWT_SECRET, signOptions: { expiresIn: config.JWT_TTL_SECONDS } }),
        ClientsModule.register([
          { name: EVENT_BUS, transport: Transport.REDIS, options: redisOptionsFromUrl(config.REDIS_URL) },
        ]),
        TerminusModule,
        ...FEATURES,
      ],
      controllers: [AuthController, AuditController, HealthController, MetricsController],
      providers: [
        { provide: ACCOUNTS_CONFIG, useValue: config },
        { provide: SecretBox, useValue: new SecretBox(config.SECRETS_KEY) },
        { provide: AccountsMetrics, useValue: new AccountsMetrics() },
        {
          provide: HEALTH_REDIS,
          useFactory: () => new Redis({ ...redisOptionsFromUrl(config.REDIS_URL), maxRetriesPerRequest: 1, lazyConnect: true }),
        },
        RedisCloser,
        AuthRepository,
        AuthService,
        LoginThrottle,
        AuditRepository,
        EventOutbox,
        MutationService,
        ReferenceRepository,
        References,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: MoneyInterceptor },
      ],
      exports: [ACCOUNTS_CONFIG, SecretBox, MutationService, EventOutbox, References],
      global: true,
    };
  }
}
