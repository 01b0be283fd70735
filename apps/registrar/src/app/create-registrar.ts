import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { redisOptionsFromUrl } from '@branchline/config';
import { RegistrarModule } from './registrar.module';
import type { RegistrarConfig } from './registrar.config';
import { RequestBusServer } from '@branchline/bus';

/**
 * The registrar: a drachtio-srf app for REGISTER plus a Nest microservice on
 * the Redis bus (registrar.lookup/list, extension events). Tests start it too.
 */
export async function createRegistrar(config: RegistrarConfig) {
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(RegistrarModule.forRoot(config), {
    strategy: new RequestBusServer(redisOptionsFromUrl(config.REDIS_URL), config.BUS_CHANNEL_PREFIX),
    logger: ['error', 'warn'],
  });
  await app.listen();
  return app;
}
