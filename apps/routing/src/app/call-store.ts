import type Redis from 'ioredis';
import type { CallContext } from './call-record';
import type { RoutingKeys } from './routing-keys';

/**
 * Routed calls in Redis, from routing until the CDR is written: drachtio
 * sends a call's CDR events to one app connection (hashed on Call-ID), which
 * need not be the replica that routed it.
 */
export class CallStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RoutingKeys,
    private readonly ttlSeconds: number,
  ) {}

  async open(ctx: CallContext): Promise<void> {
    const key = this.keys.call(ctx.callId);
    await this.redis.multi().hset(key, 'ctx', JSON.stringify(ctx)).expire(key, this.ttlSeconds).exec();
  }

  /** Issued at once, so that a cdr:stop handled right after it reads the answer time. */
  answered(callId: string, atMs: number): Promise<number> {
    return this.redis.hset(this.keys.call(callId), 'answeredAt', String(atMs));
  }

  async peek(callId: string): Promise<{ ctx: CallContext; answeredAtMs: number | null } | null> {
    const h = await this.redis.hgetall(this.keys.call(callId));
    if (!h['ctx']) return null;
    return { ctx: JSON.parse(h['ctx']) as CallContext, answeredAtMs: h['answeredAt'] ? Number(h['answeredAt']) : null };
  }

  /** Takes the call away for ending it; true for exactly one caller (replica), so a CDR is built once. */
  async claim(callId: string): Promise<boolean> {
    return (await this.redis.del(this.keys.call(callId))) === 1;
  }
}
