import { randomUUID } from 'node:crypto';
import type Srf from 'drachtio-srf';
import type { Logger } from 'pino';
import type { HangupParty } from '@branchline/contracts';
import type { SecretBox } from '@branchline/secrets';
import { pstnCdr, type CallContext, type CdrRecord, type PstnOutcome } from './call-record';
import type { CallEvents } from './call-events';
import type { CdrWriter } from './cdr-writer';
import type { ChannelLeases } from './channel-leases';
import type { LiveCalls } from './live-calls';
import { sipReason } from './dial-decision';
import type { CallerExtension } from './directory.repository';
import type { OutsidePlan } from './call-planner';
import { gatewayRequestUri, isGatewayFailure, type GatewayAttempt } from './gateway-plan';
import type { RoutingConfig } from './routing.config';
import type { RoutingKeys } from './routing-keys';

type Req = Srf.SrfRequest;
type Res = Srf.SrfResponse;

/** How one gateway attempt ended. */
type AttemptResult =
  | { kind: 'answered'; dialog: Srf.Dialog; atMs: number }
  | { kind: 'failed'; status: number; reason: string }
  | { kind: 'timeout' }
  | { kind: 'cancelled' }
  | { kind: 'no-answer' };

/**
 * Outside calls (PSTN) as a B2BUA: routing is the caller's UAS and the
 * gateway's UAC, so it sees both BYEs, knows the exact answer and end times,
 * can hang up, and writes the priced CDR itself (no drachtio CDR events).
 * The caller's SDP goes to the gateway and the gateway's back unchanged, so
 * media flows between the phone and the carrier.
 */
export class PstnCalls {
  constructor(
    private readonly config: RoutingConfig,
    private readonly leases: ChannelLeases,
    private readonly live: LiveCalls,
    private readonly keys: RoutingKeys,
    private readonly cdrs: CdrWriter,
    private readonly events: CallEvents,
    private readonly secrets: SecretBox | null,
    private readonly logger: Logger,
  ) {}

  async place(req: Req, res: Res, srf: Srf, caller: CallerExtension, outside: OutsidePlan, ctx: CallContext): Promise<void> {
    const { dest, gateways: plan, callerId } = outside;
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
      const { limitOf, limit, spentToday, reason } = outside.spend;
      void this.events.blocked(ctx, { reason: 'spend-limit', limitOf, limit, spentToday });
      return refuse(403, reason, plan.routeId);
    }

    // Emergency calls are counted but never refused for a limit.
    const siteKey = this.keys.siteCalls(caller.site.id);
    if (!(await this.leases.acquire(siteKey, callId, emergency ? null : caller.site.maxConcurrentCalls))) {
      return refuse(503, 'Site concurrent call limit reached', plan.routeId);
    }

    let cancelled = false;
    let current: Req | null = null;
    req.on('cancel', () => {
      cancelled = true;
      // drachtio answers the caller's INVITE 487 itself; stop the gateway leg.
      current?.cancel(() => undefined);
    });

    void this.events.started(ctx);
    this.logger.info({ callId, caller: caller.number, number, route: plan.routeName, gateways: plan.attempts.map((a) => a.gateway.name) }, 'outside call');

    let last: { status: number; reason: string } | null = null;
    let lastGatewayId: string | null = null;
    let attempted: GatewayAttempt | null = null;
    let outcome: { kind: 'answered'; dialog: Srf.Dialog; atMs: number; attempt: GatewayAttempt } | { kind: 'final'; status: number; reason: string; by: HangupParty } | null = null;

    for (const attempt of plan.attempts) {
      if (cancelled) break;
      const gwKey = this.keys.gatewayChannels(attempt.gateway.id);
      if (!(await this.leases.acquire(gwKey, callId, emergency ? null : attempt.gateway.maxChannels))) {
        this.logger.info({ callId, gateway: attempt.gateway.name }, 'gateway at its channel limit; skipped');
        continue;
      }
      attempted = attempt;
      lastGatewayId = attempt.gateway.id;
      const r = await this.attempt(req, res, srf, attempt, number, emergency, callerId, (sent) => {
        current = sent;
        if (cancelled) sent.cancel(() => undefined);
      });
      current = null;
      if (r.kind === 'answered') {
        outcome = { ...r, attempt };
        break;
      }
      await this.leases.release(gwKey, callId);
      if (r.kind === 'cancelled' || cancelled) {
        outcome = { kind: 'final', status: 487, reason: 'call-canceled', by: 'CALLER' };
        break;
      }
      if (r.kind === 'no-answer') {
        outcome = { kind: 'final', status: 408, reason: 'No Answer', by: 'SYSTEM' };
        break;
      }
      if (r.kind === 'timeout') {
        this.logger.warn({ callId, gateway: attempt.gateway.name }, 'gateway did not answer the INVITE; next gateway');
        last = { status: 408, reason: 'Gateway Timeout' };
        continue;
      }
      if (isGatewayFailure(r.status)) {
        this.logger.warn({ callId, gateway: attempt.gateway.name, status: r.status }, 'gateway failed; next gateway');
        last = r;
        continue;
      }
      // The callee's own answer (busy, no such number, declined): final.
      outcome = { kind: 'final', status: r.status, reason: r.reason, by: r.status === 486 || r.status === 600 || r.status === 603 ? 'CALLEE' : 'SYSTEM' };
      break;
    }

    const routeId = plan.routeId;
    if (!outcome || outcome.kind === 'final') {
      await this.leases.release(siteKey, callId);
      let end: { status: number; reason: string; by: HangupParty };
      if (cancelled) end = { status: 487, reason: 'call-canceled', by: 'CALLER' };
      else if (outcome) end = outcome;
      // Every gateway failed: the phone gets 503 (a trunk's 407 or 408 means nothing to it), the CDR says why.
      else if (last) end = { status: 503, reason: `All gateways failed (last ${last.status} ${last.reason})`, by: 'SYSTEM' };
      else end = { status: 503, reason: 'All gateways busy', by: 'SYSTEM' };
      if (!res.finalResponseSent && !cancelled) res.send(end.status, sipReason(end.reason), {});
      await this.record(ctx, {
        routeId,
        gatewayId: lastGatewayId,
        rate: attempted?.rate ?? null,
        answeredAtMs: null,
        endedAtMs: Date.now(),
        status: end.status,
        hangupBy: end.by,
        reason: end.reason,
      });
      return;
    }
    // Emergency calls are never cut; international ones at the site's maximum, if it has one.
    const maxSeconds = dest.kind === 'external' && dest.category === 'international' ? caller.site.maxInternationalCallSeconds : null;
    await this.connect(req, res, srf, ctx, outcome, routeId, siteKey, maxSeconds);
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
    const recorded = this.live.record({ ctx, ...base, answeredAtMs: answered.atMs }).then(
      () => true,
      (err: unknown) => {
        this.logger.warn({ err, callId: ctx.callId }, 'answered PSTN call not recorded in Redis: its CDR is lost if this replica dies');
        return false;
      },
    );
    const renew = setInterval(() => {
      void this.leases.renew([gwKey, siteKey], ctx.callId).catch(() => undefined);
      void this.live.renew(ctx.callId).catch(() => undefined);
    }, this.leases.renewEveryMs);
    renew.unref();
    let cut: NodeJS.Timeout | undefined;
    const by = await new Promise<HangupParty>((done) => {
      uas.on('destroy', () => done('CALLER'));
      uac.on('destroy', () => done('CALLEE'));
      if (maxSeconds !== null) cut = setTimeout(() => done('SYSTEM'), Math.max(0, answered.atMs + maxSeconds * 1000 - Date.now()));
    });
    const endedAtMs = Date.now();
    clearInterval(renew);
    clearTimeout(cut);
    // Hang up the other side (both when the PBX ends the call); the one that sent the BYE is gone already.
    if (by !== 'CALLER') uas.destroy();
    if (by !== 'CALLEE') uac.destroy();
    await Promise.all([this.leases.release(gwKey, ctx.callId), this.leases.release(siteKey, ctx.callId), this.live.reclaim(ctx.callId, recorded)]);
    const reason = by === 'SYSTEM' ? 'max-duration' : 'normal-release';
    const cdr = await this.record(ctx, { ...base, answeredAtMs: answered.atMs, endedAtMs, status: 200, hangupBy: by, reason });
    await this.live.forget(ctx.callId).catch((err: unknown) => this.logger.warn({ err, callId: ctx.callId }, 'PSTN call state not dropped; it expires'));
    if (by === 'SYSTEM') {
      this.logger.info({ callId: ctx.callId, maxSeconds, durationSec: cdr.durationSec }, 'international call cut at its maximum duration');
      void this.events.blocked(ctx, { reason: 'max-duration', maxDurationSec: maxSeconds ?? 0, durationSec: cdr.durationSec, cost: cdr.cost, currency: cdr.currency });
    }
  }

  /**
   * One INVITE to one gateway: provisional answers are relayed to the caller
   * (SDP as is), a digest challenge is answered with the trunk credentials,
   * silence past GATEWAY_SETUP_TIMEOUT_SECONDS gives up on the gateway, and
   * ringing past RING_TIMEOUT_SECONDS gives up on the call.
   */
  private attempt(
    req: Req,
    res: Res,
    srf: Srf,
    attempt: GatewayAttempt,
    number: string,
    emergency: boolean,
    callerId: string | null,
    onSent: (r: Req) => void,
  ): Promise<AttemptResult> {
    const g = attempt.gateway;
    const uri = gatewayRequestUri(g, number, emergency);
    const host = g.host.includes(':') ? `[${g.host}]` : g.host;
    const identity = callerId ? `<sip:${callerId}@${host}>` : '"Anonymous" <sip:anonymous@anonymous.invalid>';
    const headers: Record<string, string> = { From: identity, To: `<${uri}>` };
    if (callerId) headers['P-Asserted-Identity'] = `<sip:${callerId}@${host}>`;
    else headers['Privacy'] = 'id';
    const auth = this.credentials(g.username, g.passwordEnc, g.name);

    return new Promise<AttemptResult>((resolve) => {
      let settled = false;
      let responded = false;
      let noAnswer = false;
      let sent: Req | null = null;
      let ringTimer: NodeJS.Timeout | undefined;
      const finish = (r: AttemptResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(setupTimer);
        clearTimeout(ringTimer);
        resolve(r);
      };
      const setupTimer = setTimeout(() => {
        if (responded) return;
        sent?.cancel(() => undefined);
        finish({ kind: 'timeout' });
      }, this.config.GATEWAY_SETUP_TIMEOUT_SECONDS * 1000);

      const cbRequest = (err: unknown, r: Req) => {
        if (err || !r) return;
        sent = r;
        onSent(r);
      };
      const cbProvisional = (p: Res) => {
        responded = true;
        if (settled || p.status <= 100) return;
        if (!ringTimer) {
          ringTimer = setTimeout(() => {
            noAnswer = true;
            sent?.cancel(() => undefined);
          }, this.config.RING_TIMEOUT_SECONDS * 1000);
        }
        if (!res.finalResponseSent) res.send(p.status, p.reason, p.body ? { body: p.body, headers: { 'Content-Type': p.get('Content-Type') } } : {});
      };
      srf
        .createUAC(uri, { localSdp: req.body, headers, ...(auth ? { auth } : {}) }, {
          cbRequest: cbRequest as unknown as (r: Req) => void,
          cbProvisional,
        })
        .then(
          (dialog) => {
            // Answered after we gave up on it (its 200 crossed our CANCEL): hang that leg up, or
            // the carrier keeps a call up that nobody takes, and bills it.
            if (settled || noAnswer) {
              this.logger.info({ gateway: g.name }, 'gateway answered a leg already given up; hung up');
              void dialog.destroy();
              return finish({ kind: 'no-answer' });
            }
            finish({ kind: 'answered', dialog, atMs: Date.now() });
          },
          (err: { status?: number; reason?: string }) => {
            responded = true;
            const status = err.status ?? 500;
            if (noAnswer) return finish({ kind: 'no-answer' });
            if (status === 487) return finish({ kind: 'cancelled' });
            finish({ kind: 'failed', status, reason: err.reason ?? 'Gateway Failure' });
          },
        );
    });
  }

  /** The trunk's credentials for a digest challenge; none when it has none or they cannot be unsealed. */
  private credentials(username: string | null, passwordEnc: string | null, gateway: string): { username: string; password: string } | null {
    if (!username || !passwordEnc) return null;
    if (!this.secrets) {
      this.logger.warn({ gateway }, 'SECRETS_KEY not set: trunk password cannot be unsealed, a challenge will fail over');
      return null;
    }
    try {
      return { username, password: this.secrets.decrypt(passwordEnc) };
    } catch (e) {
      this.logger.error({ err: e, gateway }, 'trunk password does not unseal with SECRETS_KEY');
      return null;
    }
  }

  private async record(ctx: CallContext, o: PstnOutcome): Promise<CdrRecord> {
    const cdr = pstnCdr(randomUUID(), ctx, o);
    await this.cdrs.write(cdr);
    return cdr;
  }
}
