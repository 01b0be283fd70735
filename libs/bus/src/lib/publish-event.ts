import type Redis from 'ioredis';

/**
 * Publishes an event exactly as Nest's Redis transport does (`ClientRedis.emit`:
 * `{"pattern","data"}` as JSON on the channel named by the pattern), so every
 * `@EventPattern` handler receives it, but through an ioredis client the caller
 * already has: no RxJS observable, timer or second connection per event. For
 * the hot paths (a registration event per REGISTER); elsewhere `emit` is fine.
 * Resolves with the number of subscribers that got it.
 */
export function publishEvent(redis: Redis, pattern: string, data: unknown): Promise<number> {
  return redis.publish(pattern, eventMessage(pattern, data));
}

/**
 * The message Nest's Redis transport puts on the channel `pattern` for an event, for a caller that
 * publishes it some other way (from a Lua script, in the same step as the write it announces).
 */
export function eventMessage(pattern: string, data: unknown): string {
  return JSON.stringify({ pattern, data });
}
