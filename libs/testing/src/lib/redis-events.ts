import Redis from 'ioredis';

export function testRedisUrl(): string {
  return process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
}

export interface CapturedEvent<T = unknown> {
  pattern: string;
  data: T;
}

/**
 * Subscribes to Nest Redis-transport event channels and records what arrives,
 * so tests can assert that a mutation published its event.
 */
export async function captureRedisEvents(patterns: string[]): Promise<{
  events: CapturedEvent[];
  close(): Promise<void>;
}> {
  const sub = new Redis(testRedisUrl(), { lazyConnect: true });
  await sub.connect();
  const events: CapturedEvent[] = [];
  sub.on('message', (_channel: string, message: string) => {
    const parsed = JSON.parse(message) as { pattern: string; data: unknown };
    events.push({ pattern: parsed.pattern, data: parsed.data });
  });
  await sub.subscribe(...patterns);
  return {
    events,
    close: async () => {
      sub.disconnect();
    },
  };
}
