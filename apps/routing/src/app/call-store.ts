import type Redis from 'ioredis';
import type { CallContext } from './call-record';
import type { RoutingKeys } from './routing-keys';

/**
 * Takes a call's state away in one step: the whole hash, deleted, so exactly
 * one caller (replica) gets it. With a CSeq (a final response ended the
 * INVITE transaction) only when it is the routed INVITE's own: the 407 before
 * the authenticated INVITE shares the Call-ID but is not the call's end.
 * KEYS: call hash. ARGV: CSeq or ''. Returns nil (no such call), {} (another
 * INVITE of the call) or the hash as field/value pairs.
 */
const TAKE_SCRIPT = `
local h = redis.call('HGETALL', KEYS[1])
if #h == 0 then return false end
local cseq = redis.call('HGET', KEYS[1], 'cseq')
if ARGV[1] ~= '' and cseq and cseq ~= ARGV[1] then return {} end
redis.call('DEL', KEYS[1])
return h
`;

interface CallStoreScripts {
  routingTakeCall(key: string, cseq: string): Promise<string[] | null>;
}

export interface StoredCall {
  ctx: CallContext;
  answeredAtMs: number | null;
}

/**
 * Routed calls in Redis, from routing until the CDR is written: drachtio
 * sends a call's CDR events to one app connection (hashed on Call-ID), which
 * need not be the replica that routed it.
 */
export class CallStore {
  private readonly scripts: CallStoreScripts;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RoutingKeys,
    private readonly ttlSeconds: number,
  ) {
    redis.defineCommand('routingTakeCall', { numberOfKeys: 1, lua: TAKE_SCRIPT });
    this.scripts = redis as Redis & CallStoreScripts;
  }

  async open(ctx: CallContext): Promise<void> {
    const key = this.keys.call(ctx.callId);
    await this.redis.multi().hset(key, 'ctx', JSON.stringify(ctx), 'cseq', String(ctx.inviteCseq)).expire(key, this.ttlSeconds).exec();
  }

  /** Issued at once, so that a cdr:stop handled right after it reads the answer time. */
  answered(callId: string, atMs: number): Promise<number> {
    return this.redis.hset(this.keys.call(callId), 'answeredAt', String(atMs));
  }

  async peek(callId: string): Promise<StoredCall | null> {
    return parseCall(await this.redis.hgetall(this.keys.call(callId)));
  }

  /**
   * Takes the call away for ending it: the call for exactly one caller (replica),
   * so a CDR is built once; null when there is none, or when `inviteCseq` is
   * given and is not the routed INVITE's.
   */
  async take(callId: string, inviteCseq?: number): Promise<StoredCall | null> {
    const pairs = await this.scripts.routingTakeCall(this.keys.call(callId), inviteCseq === undefined ? '' : String(inviteCseq));
    if (!pairs?.length) return null;
    const h: Record<string, string> = {};
    for (let i = 0; i + 1 < pairs.length; i += 2) h[pairs[i]] = pairs[i + 1];
    return parseCall(h);
  }
}

function parseCall(h: Record<string, string>): StoredCall | null {
  if (!h['ctx']) return null;
  return { ctx: JSON.parse(h['ctx']) as CallContext, answeredAtMs: h['answeredAt'] ? Number(h['answeredAt']) : null };
}
