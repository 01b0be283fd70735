import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClientRedis, EventPattern, Payload, ServerRedis } from '@nestjs/microservices';
import Redis from 'ioredis';
import { lastValueFrom } from 'rxjs';
import { redisOptionsFromUrl } from '@branchline/config';
import { testRedisUrl } from '@branchline/testing';
import { eventMessage, publishEvent } from './publish-event';

const PATTERN = `bus-test.event.${process.pid}.${Date.now()}`;
const received: unknown[] = [];

@Controller()
class ListenerController {
  @EventPattern(PATTERN)
  on(@Payload() p: unknown) {
    received.push(p);
  }
}

@Module({ controllers: [ListenerController] })
class ListenerModule {}

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('publishEvent (real Redis)', () => {
  let server: INestMicroservice;
  let redis: Redis;
  let sub: Redis;
  let nest: ClientRedis;

  beforeAll(async () => {
    server = await NestFactory.createMicroservice(ListenerModule, { strategy: new ServerRedis(redisOptionsFromUrl(testRedisUrl())), logger: false });
    await server.listen();
    redis = new Redis(testRedisUrl());
    sub = new Redis(testRedisUrl());
    nest = new ClientRedis(redisOptionsFromUrl(testRedisUrl()));
  });
  afterAll(async () => {
    await nest.close();
    sub.disconnect();
    redis.disconnect();
    await server.close();
  });

  it('puts the same bytes on the channel as Nest emit', async () => {
    const raw: string[] = [];
    await sub.subscribe(PATTERN);
    sub.on('message', (_c, m: string) => raw.push(m));
    const data = { event: 'x', n: 1, nested: { s: 'ä "q"' } };
    await lastValueFrom(nest.emit(PATTERN, data), { defaultValue: undefined });
    await publishEvent(redis, PATTERN, data);
    await until(() => raw.length === 2);
    expect(raw[1]).toBe(raw[0]);
    expect(eventMessage(PATTERN, data)).toBe(raw[0]);
    await sub.unsubscribe(PATTERN);
  });

  it('reaches an @EventPattern handler, and says how many subscribers got it', async () => {
    received.length = 0;
    expect(await publishEvent(redis, PATTERN, { hello: 'world' })).toBeGreaterThanOrEqual(1);
    await until(() => received.length === 1);
    expect(received[0]).toEqual({ hello: 'world' });
    expect(await publishEvent(redis, `${PATTERN}.nobody`, {})).toBe(0);
  });
});
