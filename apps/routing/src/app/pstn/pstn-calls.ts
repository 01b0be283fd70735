import { randomUUID } from 'node:crypto';
import type Srf from 'drachtio-srf';
import type { Logger } from 'pino';
import type { HangupParty } from '@branchline/contracts';
import { pstnCdr, type CdrRecord, type PstnOutcome } from '../billing/cdr-pricing';
import type { CallContext } from '../invite/call-context';
import type { CallEvents } from '../call-events';
import type { CdrWriter } from '../billing/cdr-writer';
import type { ChannelLeases } from './channel-leases';
import type { LiveCalls } from '../billing/live-calls';
import { sipReason } from '../planning/dial-decision';
import { blockedDetails } from '../planning/spend-guard';
import type { CallerExtension } from '../data/directory.repository';
import type { OutsidePlan } from '../planning/call-planner';
import type { GatewayAttempt } from '../planning/least-cost-gateways';
import { isGatewayFailure } from './failover';
import type { AttemptResult, GatewayLegs } from './gateway-leg';
import { untilHangup } from '../b2bua/hangup';
import type { RoutingKeys } from '../routing-keys';
import type { FirstAnswer, RoutingMetrics } from '../metrics/routing-metrics';

type Req = Srf.SrfRequest;
type Res = Srf.SrfResponse;

/**
 * Outside calls (PSTN) as a B2BUA: routing is the caller's UAS and the
 * gateway's UAC, so it sees both BYEs, knows the exact answer and end times,
 * can hang up, and writes the priced CDR itself (no drachtio CDR events).
 * The caller's SDP goes to the gateway and the gateway's back unchanged, so
 * media flows between the phone and the carrier.
 */
export class PstnCalls {
  constructor(
    private readonly leases: ChannelLeases,
    private readonly live: LiveCalls,
    private readonly keys: RoutingKeys,
    private readonly cdrs: CdrWriter,
    private readonly events: CallEvents,
    private readonly legs: GatewayLegs,
    private readonly logger: Logger,
    private readonly metrics: RoutingMetrics,
  ) {}

  /** Places an outside call; `heard` is told of the first 18x or 2xx from a gateway (post-dial delay). */
  async place(req: Req, res: Res, srf: Srf, caller: CallerExtension, outside: OutsidePlan, ctx: CallContext, heard: FirstAnswer): Promise<void> {
    const { dest, gateways: plan } = outside;
    const emergency = dest.kind === 'emergency';
    const number = dest.kind === 'emergency' ? dest.number : dest.e164;
    const callId = ctx.callId;

    const refuse = async (status: number, reason: string, routeId: string | null) => {
      this.logger.info({ callId, caller: caller.number, number, status, reason }, 'outside call refused');
      if (!res.finalResponseSent) res.send(status, sipReason(reason), {});
      await this.record(ctx, { routeId, gatewayId: null, rate: null, answeredAtMs: null, endedAtMs: Date.now(), status, hangupBy: 'SYSTEM', reason, refused: true });
    };
    if (plan.kind === 'refused') return refuse(plan.status, plan.reason, null);
    if (outside.spend.blocked) {
      void this.events.blocked(ctx, blockedDetails(outside.spend));
      return refuse(403, outside.spend.reason, plan.routeId);
    }

    // Emergency calls are counted but never refused for a limit.
    const siteKey = this.keys.siteCalls(caller.site.id);
    if (!(await this.leases.acquire(siteKey, callId, emergency ? null : caller.site.maxConcurrentCalls))) {
      return refuse(503, 'Site concurrent call limit reached', plan.routeId);
    }

    const cancel = watchCancel(req);
    void this.events.started(ctx);
    this.logger.info({ callId, caller: caller.number, number, route: plan.routeName, gateways: plan.attempts.map((a) => a.gateway.name) }, 'outside call');

    const tried = await this.tryGateways(req, res, srf, plan.attempts, dest, outside.callerId, cancel, heard);
    if (tried.outcome?.kind !== 'answered') {
      await this.leases.release(siteKey, callId);
      return this.endUnanswered(res, ctx, plan.routeId, tried, cancel.cancelled);
    }
    // Emergency calls are never cut; international ones at the site's maximum, if it has one.
    const maxSeconds = dest.kind === 'external' && dest.category === 'international' ? caller.site.maxInternationalCallSeconds : null;
    await this.connect(req, res, srf, ctx, tried.outcome, plan.routeId, siteKey, maxSeconds);
  }

  /**
   * The failover loop: each gateway of the plan in turn (skipping those at
   * their channel limit) until one answers, the callee's own answer ends the
   * call (busy, no such number), the caller cancels or the ring timeout
   * fires. A gateway that fails (5xx, timeout, refused credentials) hands the
   * call to the next. The answering gateway keeps its channel lease.
   */
  private async tryGateways(
    req: Req,
    res: Res,
    srf: Srf,
    attempts: readonly GatewayAttempt[],
    dest: OutsidePlan['dest'],
    callerId: string | null,
    caller: CancelWatch,
    heard: FirstAnswer,
  ): Promise<TriedGateways> {
    const emergency = dest.kind === 'emergency';
    const number = dest.kind === 'emergency' ? dest.number : dest.e164;
    const callId = req.get('Call-ID');
    const tried: TriedGateways = { outcome: null, last: null, attempted: null };
    for (const attempt of attempts) {
      if (caller.cancelled()) break;
      const gwKey = this.keys.gatewayChannels(attempt.gateway.id);
      if (!(await this.leases.acquire(gwKey, callId, emergency ? null : attempt.gateway.maxChannels))) {
        this.logger.info({ callId, gateway: attempt.gateway.name }, 'gateway at its channel limit; skipped');
        continue;
      }
      tried.attempted = attempt;
      this.metrics.gatewayAttempted(attempt.gateway);
      const r = await this.legs.call(req, res, srf, attempt, number, emergency, callerId, { sent: caller.track, provisional: heard });
      caller.track(null);
      if (r.kind === 'answered') {
        heard();
        tried.outcome = { ...r, attempt };
        return tried;
      }
      await this.leases.release(gwKey, callId);
      const next = this.afterFailedAttempt(r, attempt, callId, caller.cancelled());
      if ('final' in next) {
        tried.outcome = next.final;
        return tried;
      }
      this.metrics.gatewayFailedOver(attempt.gateway);
      tried.last = next.last;
    }
    return tried;
  }

  /** What a gateway's failure means for the call: try the next gateway (with why this one failed), or end it. */
  private afterFailedAttempt(r: Exclude<AttemptResult, { kind: 'answered' }>, attempt: GatewayAttempt, callId: string, cancelled: boolean): { final: FinalOutcome } | { last: FailedAttempt } {
    if (r.kind === 'cancelled' || cancelled) return { final: { kind: 'final', status: 487, reason: 'call-canceled', by: 'CALLER' } };
    if (r.kind === 'no-answer') return { final: { kind: 'final', status: 408, reason: 'No Answer', by: 'SYSTEM' } };
    if (r.kind === 'timeout') {
      this.logger.warn({ callId, gateway: attempt.gateway.name }, 'gateway did not answer the INVITE; next gateway');
      return { last: { status: 408, reason: 'Gateway Timeout' } };
    }
    if (isGatewayFailure(r.status)) {
      this.logger.warn({ callId, gateway: attempt.gateway.name, status: r.status }, 'gateway failed; next gateway');
      return { last: r };
    }
    // The callee's own answer (busy, no such number, declined): final.
    return { final: { kind: 'final', status: r.status, reason: r.reason, by: r.status === 486 || r.status === 600 || r.status === 603 ? 'CALLEE' : 'SYSTEM' } };
  }

  /** Answers the caller (unless it cancelled) and writes the CDR of a call no gateway connected. */
  private async endUnanswered(res: Res, ctx: CallContext, routeId: string | null, tried: TriedGateways, cancelled: () => boolean): Promise<void> {
    let end: { status: number; reason: string; by: HangupParty };
    if (cancelled()) end = { status: 487, reason: 'call-canceled', by: 'CALLER' };
    else if (tried.outcome?.kind === 'final') end = tried.outcome;
    // Every gateway failed: the phone gets 503 (a trunk's 407 or 408 means nothing to it), the CDR says why.
    else if (tried.last) end = { status: 503, reason: `All gateways failed (last ${tried.last.status} ${tried.last.reason})`, by: 'SYSTEM' };
    else end = { status: 503, reason: 'All gateways busy', by: 'SYSTEM' };
    if (!res.finalResponseSent && !cancelled()) res.send(end.status, sipReason(end.reason), {});
    await this.record(ctx, {
      routeId,
      gatewayId: tried.attempted?.gateway.id ?? null,
      rate: tried.attempted?.rate ?? null,
      answeredAtMs: null,
      endedAtMs: Date.now(),
      status: end.status,
      hangupBy: end.by,
      reason: end.reason,
    });
  }

  /** Bridges the caller to the answered gateway leg, holds the call until a BYE, then writes the CDR. */
  private async connect(
    req: Req,
    res: Res,
    srf: Srf,
    ctx: CallContext,
    answered: { dialog: Srf.Dialog; atMs: number; attempt: GatewayAttempt },
    routeId: string | null,
    siteKey: string,
    maxSeconds: number | null,
  ): Promise<void> {
    const uac = answered.dialog;
    const gwKey = this.keys.gatewayChannels(answered.attempt.gateway.id);
    const base = { routeId, gatewayId: answered.attempt.gateway.id, rate: answered.attempt.rate };
    let uas: Srf.Dialog;
    try {
      uas = await srf.createUAS(req, res, { localSdp: uac.remote.sdp });
    } catch (e) {
      // The caller gave up just as the gateway answered.
      uac.destroy();
      await Promise.all([this.leases.release(gwKey, ctx.callId), this.leases.release(siteKey, ctx.callId)]);
      await this.record(ctx, { ...base, answeredAtMs: null, endedAtMs: Date.now(), status: 487, hangupBy: 'CALLER', reason: 'call-canceled' });
      this.logger.info({ err: e, callId: ctx.callId }, 'caller left as the gateway answered');
      return;
    }
    void this.events.answered(ctx, answered.atMs);
    // Not awaited: the BYE listeners below must be in place at once. Renewals, and the leases' release with
    // the claim at the end, go out in the same tick, so auto-pipelining sends them in one write.
    const recorded = this.live.track({ ctx, ...base, answeredAtMs: answered.atMs });
    const renew = setInterval(() => {
      void this.leases.renew([gwKey, siteKey], ctx.callId).catch(() => undefined);
      void this.live.renew(ctx.callId).catch(() => undefined);
    }, this.leases.renewEveryMs);
    renew.unref();
    const by = await untilHangup(uas, uac, maxSeconds === null ? null : answered.atMs + maxSeconds * 1000);
    const endedAtMs = Date.now();
    clearInterval(renew);
    await Promise.all([this.leases.release(gwKey, ctx.callId), this.leases.release(siteKey, ctx.callId), this.live.reclaim(ctx.callId, recorded)]);
    const reason = by === 'SYSTEM' ? 'max-duration' : 'normal-release';
    const cdr = await this.record(ctx, { ...base, answeredAtMs: answered.atMs, endedAtMs, status: 200, hangupBy: by, reason });
    await this.live.forget(ctx.callId).catch((err: unknown) => this.logger.warn({ err, callId: ctx.callId }, 'PSTN call state not dropped; it expires'));
    if (by === 'SYSTEM') {
      this.logger.info({ callId: ctx.callId, maxSeconds, durationSec: cdr.durationSec }, 'international call cut at its maximum duration');
      void this.events.blocked(ctx, { reason: 'max-duration', maxDurationSec: maxSeconds ?? 0, durationSec: cdr.durationSec, cost: cdr.cost, currency: cdr.currency });
    }
  }

  private async record(ctx: CallContext, o: PstnOutcome): Promise<CdrRecord> {
    const cdr = pstnCdr(randomUUID(), ctx, o);
    await this.cdrs.write(cdr);
    return cdr;
  }
}

type FinalOutcome = { kind: 'final'; status: number; reason: string; by: HangupParty };
type FailedAttempt = { status: number; reason: string };

/** Where the failover loop got to: how the call ended (null: every gateway failed or was busy), the last failure, the last gateway tried. */
interface TriedGateways {
  outcome: ({ kind: 'answered'; dialog: Srf.Dialog; atMs: number; attempt: GatewayAttempt }) | FinalOutcome | null;
  last: FailedAttempt | null;
  attempted: GatewayAttempt | null;
}

/** The caller's CANCEL while gateways are tried: drachtio answers the caller 487 itself; the leg in flight is cancelled. */
interface CancelWatch {
  cancelled(): boolean;
  /** The gateway INVITE now in flight (null between attempts); cancelled at once if the caller already left. */
  track(sent: Req | null): void;
}

function watchCancel(req: Req): CancelWatch {
  let cancelled = false;
  let current: Req | null = null;
  req.on('cancel', () => {
    cancelled = true;
    current?.cancel(() => undefined);
  });
  return {
    cancelled: () => cancelled,
    track: (sent) => {
      current = sent;
      if (sent && cancelled) sent.cancel(() => undefined);
    },
  };
}
