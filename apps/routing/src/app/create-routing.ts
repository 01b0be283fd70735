import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { redisOptionsFromUrl } from '@branchline/config';
import { RequestBusServer } from '@branchline/bus';
import { RoutingModule } from './routing.module';
import type { RoutingConfig } from './routing.config';

/**
 * The routing service: a drachtio-srf app for INVITEs (and drachtio's CDR
 * events) plus a Nest microservice on the Redis bus. Tests start it too.
 */
export async function createRouting(config: RoutingConfig) {
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(RoutingModule.forRoot(config), {
    strategy: new RequestBusServer(redisOptionsFromUrl(config.REDIS_URL), config.BUS_CHANNEL_PREFIX),
    logger: ['error', 'warn'],
  });
  await app.listen();
  return app;
}
