import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { PrismaService } from '@branchline/db';
import { checkReadiness, redisCheck, type ReadinessReport } from '@branchline/metrics';
import Redis from 'ioredis';
import { ACCOUNTS_CONFIG, type AccountsConfig } from '../accounts.config';
import { Public } from '../auth/principal';

export const HEALTH_REDIS = Symbol('HEALTH_REDIS');

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly prisma: PrismaService,
    @Inject(HEALTH_REDIS) private readonly redis: Redis,
    @Inject(ACCOUNTS_CONFIG) private readonly config: AccountsConfig,
  ) {}

  /** Liveness (Kubernetes' livenessProbe): the process answers. Not in the API document: it is for probes. */
  @Get('live')
  @Public()
  @ApiExcludeEndpoint()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness (readinessProbe): 200 while Postgres and Redis answer, else 503 naming the one that does not. */
  @Get('ready')
  @Public()
  @ApiExcludeEndpoint()
  async ready(@Res({ passthrough: true }) res: Response): Promise<ReadinessReport> {
    const report = await checkReadiness(
      { postgres: () => this.prisma.$queryRaw`SELECT 1`, redis: redisCheck(this.redis) },
      this.config.READINESS_TIMEOUT_MS,
    );
    res.status(report.status === 'ok' ? 200 : 503);
    return report;
  }

  @Get()
  @Public()
  @HealthCheck()
  check() {
    return this.health.check([
      async () => {
        const pg = this.indicator.check('postgres');
        try {
          await this.prisma.$queryRaw`SELECT 1`;
          return pg.up();
        } catch (e) {
          return pg.down({ message: (e as Error).message });
        }
      },
      async () => {
        const redis = this.indicator.check('redis');
        try {
          await this.redis.ping();
          return redis.up();
        } catch (e) {
          return redis.down({ message: (e as Error).message });
        }
      },
    ]);
  }
}
