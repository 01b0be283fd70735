import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { lastValueFrom, timeout } from 'rxjs';
import { redisOptionsFromUrl } from '@branchline/config';
import { testRedisUrl } from '@branchline/testing';
import { RequestBusClient } from './request-bus.client';
import { RequestBusServer } from './request-bus.server';

const PATTERN = 'bus-test.echo';

@Controller()
class EchoController {
  @MessagePattern(PATTERN)
  echo(@Payload() p: { n: number }) {
    return { n: p.n * 2 };
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

/** Request/reply over real Redis with channel prefixes keeping two "deployments" apart. */
describe('RequestBusServer / RequestBusClient', () => {
  const prefix = `bus-test-${process.pid}-${Date.now()}:`;
  let server: INestMicroservice;
  const clients: RequestBusClient[] = [];
  const client = (p: string) => {
    const c = new RequestBusClient(redisOptionsFromUrl(testRedisUrl()), p);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    server = await NestFactory.createMicroservice(EchoModule, { strategy: new RequestBusServer(redisOptionsFromUrl(testRedisUrl()), prefix), logger: false });
    await server.listen();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server.close();
  });

  it('answers a request sent with the same prefix, by the handler registered under the plain name', async () => {
    const reply = await lastValueFrom(client(prefix).send<{ n: number }>(PATTERN, { n: 21 }).pipe(timeout(3000)));
    expect(reply).toEqual({ n: 42 });
  });

  it('counts the listeners on a prefixed request channel: one here, none under another prefix', async () => {
    expect(await client(prefix).listeners(PATTERN)).toBe(1);
    expect(await client(`${prefix}other:`).listeners(PATTERN)).toBe(0);
  });

  it('does not answer a request sent under another prefix', async () => {
    await expect(lastValueFrom(client(`${prefix}other:`).send(PATTERN, { n: 1 }).pipe(timeout(500)))).rejects.toThrow(/timeout/i);
  });
});
