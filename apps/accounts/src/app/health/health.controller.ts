import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { PrismaService } from '@branchline/db';
import Redis from 'ioredis';
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
  ) {}

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
