import { randomUUID } from 'node:crypto';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import type { CallContext } from '../invite/call-context';
import { internalCdr, pstnCdr, type AppliedRate } from './cdr-pricing';
import type { CdrWriter } from './cdr-writer';
import type { ChannelLeases } from '../pstn/channel-leases';
import type { RoutingKeys } from '../routing-keys';

/** The hangup cause of a call billed by a reaper because the replica holding it stopped renewing it. */
export const REPLICA_LOST = 'routing-replica-lost';

/** What the CDR of an answered call needs besides its end. */
export interface AnsweredCall {
  ctx: CallContext;
  routeId: string | null;
  /** The gateway of a PSTN call (its channel lease is freed with it); null for a call to an extension. */
  gatewayId: string | null;
  rate: AppliedRate | null;
  answeredAtMs: number;
}

/**
 * Renews a call still in the live set (a reaped one stays reaped) and keeps its hash.
 * KEYS: live set, call hash. ARGV: Call-ID, alive until ms, hash TTL ms. Returns 0 when it was gone.
 */
const RENEW = `
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 1`;

/**
 * Takes a call out of the live set only if its lease still ran out by `now`: a
 * renewal that landed after the reaper listed it keeps the call alive.
 * KEYS: live set. ARGV: Call-ID, now ms. Returns its "alive until", or nil.
 */
const CLAIM_LAPSED = `
local alive = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not alive or tonumber(alive) > tonumber(ARGV[2]) then return false end
redis.call('ZREM', KEYS[1], ARGV[1])
return alive`;

interface LiveScripts {
  routingPstnRenew(live: string, hash: string, callId: string, aliveUntil: number, keepMs: number): Promise<number>;
  routingPstnClaimLapsed(live: string, callId: string, now: number): Promise<string | null>;
}

export interface LiveCallsOptions {
  /** How long a call counts as up after its last renewal (the channel lease length). */
  leaseMs: number;
  /** How long a call's hash outlives its last renewal when nobody reaps it (every routing replica down). */
  keepMs: number;
  /** How often this replica looks for lapsed calls. */
  reapEveryMs: number;
}

/**
 * Answered calls, durable in Redis: PSTN calls and calls to extensions, both
 * held by routing's B2BUA. The B2BUA holding a call lives in
 * one replica's memory; if that replica dies (crash, OOM kill) its call would
 * never be billed. So each answered call is recorded (a hash with what its CDR
 * needs, and its Call-ID in a set scored by "alive until"), the replica renews
 * it with its channel leases, and whoever removes it from the set writes the
 * CDR: the replica at the call's end, or a reaper on any replica once the
 * renewals stop, billing the call up to its last renewal.
 */
export class LiveCalls implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly scripts: LiveScripts;
  private timer: NodeJS.Timeout | undefined;
  private reaping = false;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RoutingKeys,
    private readonly cdrs: CdrWriter,
    private readonly leases: ChannelLeases,
    private readonly logger: Logger,
    private readonly o: LiveCallsOptions,
  ) {
    redis.defineCommand('routingPstnRenew', { numberOfKeys: 2, lua: RENEW });
    redis.defineCommand('routingPstnClaimLapsed', { numberOfKeys: 1, lua: CLAIM_LAPSED });
    this.scripts = redis as Redis & LiveScripts;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.reap(), this.o.reapEveryMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** The call was bridged: from now on some replica writes its CDR. Hash and set in one MULTI, so they never disagree. */
  async record(call: AnsweredCall): Promise<void> {
    const key = this.keys.pstnCall(call.ctx.callId);
    const fields = {
      ctx: JSON.stringify(call.ctx),
      routeId: call.routeId ?? '',
      gatewayId: call.gatewayId ?? '',
      rate: JSON.stringify(call.rate),
      answeredAtMs: String(call.answeredAtMs),
      // The reaper takes the end as "alive until" minus the lease this replica renews with.
      leaseMs: String(this.o.leaseMs),
    };
    const results = await this.redis
      .multi()
      .hset(key, fields)
      .pexpire(key, this.o.keepMs)
      .zadd(this.keys.livePstnCalls(), Date.now() + this.o.leaseMs, call.ctx.callId)
      .exec();
    const failed = results?.find(([err]) => err)?.[0];
    if (failed) throw failed;
  }

  /**
   * `record`, for a replica that must not wait on it (the call's BYE listeners go in place at
   * once): resolves false, with a warning, when Redis did not take the call.
   */
  track(call: AnsweredCall): Promise<boolean> {
    return this.record(call).then(
      () => true,
      (err: unknown) => {
        this.logger.warn({ err, callId: call.ctx.callId }, 'answered call not recorded in Redis: its CDR is lost if this replica dies');
        return false;
      },
    );
  }

  /** Keeps the call alive for another lease; false when it is no longer live (a reaper billed it). */
  async renew(callId: string): Promise<boolean> {
    const now = Date.now();
    return (await this.scripts.routingPstnRenew(this.keys.livePstnCalls(), this.keys.pstnCall(callId), callId, now + this.o.leaseMs, this.o.keepMs)) === 1;
  }

  /** How often the replica holding a call renews it: three times a lease. */
  get renewEveryMs(): number {
    return Math.max(1000, Math.floor(this.o.leaseMs / 3));
  }

  /**
   * Takes an ended call out of the live set, so no reaper bills it. If a reaper
   * took it first (this process stalled past its lease), the caller writes the
   * CDR anyway: the insert is idempotent, so the reaper's row stays.
   */
  async reclaim(callId: string, recorded: Promise<boolean>): Promise<void> {
    if (!(await recorded)) return;
    try {
      if (!(await this.claim(callId))) this.logger.warn({ callId }, 'call was reaped while up (this replica stalled past its lease); the reaper’s CDR, ended at the last renewal, stands');
    } catch (err) {
      this.logger.warn({ err, callId }, 'call not claimed; the CDR is written, a reaper may try to write it again');
    }
  }

  /** Takes the call out of the live set at its end: true for the one caller that owns its CDR now. */
  async claim(callId: string): Promise<boolean> {
    return (await this.redis.zrem(this.keys.livePstnCalls(), callId)) === 1;
  }

  /** Drops the call's state once its CDR is written. */
  async forget(callId: string): Promise<void> {
    await this.redis.del(this.keys.pstnCall(callId));
  }

  /** "Alive until" of a live call, null when it is not live (for tests and the admin view). */
  async aliveUntil(callId: string): Promise<number | null> {
    const score = await this.redis.zscore(this.keys.livePstnCalls(), callId);
    return score === null ? null : Number(score);
  }

  /**
   * Bills calls whose replica stopped renewing them, 100 at a time until none
   * is left (a dead replica may have held thousands, and a round comes only
   * every third of a lease). Every replica runs it; a call goes to the one
   * whose claim removed it. Returns how many calls this round billed.
   */
  async reap(now = Date.now()): Promise<number> {
    if (this.reaping) return 0;
    this.reaping = true;
    let billed = 0;
    try {
      const live = this.keys.livePstnCalls();
      for (;;) {
        // Every call listed leaves the lapsed range: claimed here, by another replica, or renewed.
        const lapsed = await this.redis.zrangebyscore(live, '-inf', now, 'LIMIT', 0, 100);
        for (const callId of lapsed) {
          const until = await this.scripts.routingPstnClaimLapsed(live, callId, now);
          if (until === null) continue;
          if (await this.bill(callId, Number(until))) billed++;
        }
        if (lapsed.length < 100) break;
      }
    } catch (err) {
      this.logger.warn({ err }, 'reaping lapsed calls failed; next round');
    } finally {
      this.reaping = false;
    }
    return billed;
  }

  /** Writes the CDR of a claimed call that lapsed at `aliveUntil`, then frees its state and leases. */
  private async bill(callId: string, aliveUntil: number): Promise<boolean> {
    const key = this.keys.pstnCall(callId);
    const h = await this.redis.hgetall(key);
    if (!h['ctx']) {
      this.logger.error({ callId }, 'lapsed call has no state left; its CDR is lost');
      return false;
    }
    const ctx = JSON.parse(h['ctx']) as CallContext;
    const answeredAtMs = Number(h['answeredAtMs']);
    // The last moment the call was known up: its last renewal.
    const endedAtMs = aliveUntil - Number(h['leaseMs']);
    const gatewayId = h['gatewayId'] || null;
    const cdr =
      ctx.direction === 'INTERNAL' || ctx.direction === 'INBOUND'
        ? internalCdr(randomUUID(), ctx, answeredAtMs, { endedAtMs, status: null, by: 'SYSTEM', reason: REPLICA_LOST })
        : pstnCdr(randomUUID(), ctx, {
            routeId: h['routeId'] || null,
            gatewayId,
            rate: JSON.parse(h['rate']) as AppliedRate | null,
            answeredAtMs,
            endedAtMs,
            status: 200,
            hangupBy: 'SYSTEM',
            reason: REPLICA_LOST,
          });
    try {
      await this.cdrs.write(cdr);
    } catch (err) {
      // Neither Postgres nor the spool took it: back into the set, so a later round tries again.
      await this.redis.zadd(this.keys.livePstnCalls(), aliveUntil, callId);
      throw err;
    }
    // A call to an extension holds no channel leases (an inbound one's gateway is only its origin).
    const leaseKeys = cdr.direction === 'OUTBOUND' || cdr.direction === 'EMERGENCY' ? [...(gatewayId ? [this.keys.gatewayChannels(gatewayId)] : []), ...(ctx.siteId ? [this.keys.siteCalls(ctx.siteId)] : [])] : [];
    await Promise.all([this.forget(callId), ...leaseKeys.map((k) => this.leases.release(k, callId))]);
    this.logger.warn(
      { callId, answeredAt: cdr.answeredAt, endedAt: cdr.endedAt, durationSec: cdr.durationSec, cost: cdr.cost, currency: cdr.currency },
      `${gatewayId && cdr.direction !== 'INBOUND' ? 'PSTN call' : 'call to an extension'} of a lost routing replica billed up to its last renewal`,
    );
    return true;
  }
}
