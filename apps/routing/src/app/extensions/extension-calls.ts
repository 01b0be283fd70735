import { randomUUID } from 'node:crypto';
import type Srf from 'drachtio-srf';
import type { Logger } from 'pino';
import type { Binding, LocationStore } from '@branchline/location';
import { internalCdr, type CallEnd } from '../billing/cdr-pricing';
import type { CallContext } from '../invite/call-context';
import { bestFinal, calleeLegHeaders, targetUri, type FinalAnswer } from './callee-leg';
import { untilHangup } from '../b2bua/hangup';
import type { CallEvents } from '../call-events';
import type { CdrWriter } from '../billing/cdr-writer';
import type { LiveCalls } from '../billing/live-calls';
import type { RoutingConfig } from '../routing.config';
import type { FirstAnswer } from '../metrics/routing-metrics';

type Req = Srf.SrfRequest;
type Res = Srf.SrfResponse;

/** How ringing the callee's phones ended. */
type RingOutcome =
  | { kind: 'answered'; dialog: Srf.Dialog; atMs: number }
  | { kind: 'refused'; answer: FinalAnswer }
  | { kind: 'cancelled' }
  | { kind: 'no-answer' };

/** In-dialog requests relayed from one party to the other, with the headers that carry their meaning. */
const RELAYED: Record<string, readonly string[]> = {
  info: ['Content-Type', 'Info-Package', 'Content-Disposition'],
  update: ['Content-Type'],
  message: ['Content-Type'],
  notify: ['Content-Type', 'Event', 'Subscription-State'],
  refer: ['Refer-To', 'Referred-By', 'Content-Type'],
  options: ['Accept'],
};

/**
 * Calls that end at an extension's phones (internal calls and inbound DID
 * calls), as a B2BUA: routing answers the caller as its UAS and rings every
 * registered phone of the callee at once as their UAC. The caller's SDP goes
 * to the phones and the answering phone's SDP back unchanged, re-INVITEs
 * (hold, video) and INFO/UPDATE/REFER/NOTIFY are relayed as they come, so
 * media still flows directly between the phones.
 *
 * Why not a proxy: the caller's INVITE carries its digest credentials for
 * this PBX's realm, which must not reach the callee (RFC 3261 §22.3), and
 * drachtio-server's proxy can add or replace headers but never remove one.
 * The callee's leg is a new request built from what describes the call
 * (`calleeLegHeaders`), so the credentials stay behind.
 */
export class ExtensionCalls {
  constructor(
    private readonly config: RoutingConfig,
    private readonly location: LocationStore,
    private readonly cdrs: CdrWriter,
    private readonly events: CallEvents,
    private readonly live: LiveCalls,
    private readonly logger: Logger,
  ) {}

  /** The callee's live bindings (written by the registrar), from Redis. */
  bindings(tenantId: string, sipUsername: string, nowMs: number): Promise<Binding[]> {
    return this.location.lookup(tenantId, sipUsername, nowMs);
  }

  /**
   * Rings every one of the callee's `bindings` at once, connects the first to answer, and writes the call's CDR; 480 when none.
   * `heard` is told of the first 18x or 2xx from a phone (post-dial delay).
   */
  async ring(req: Req, res: Res, srf: Srf, ctx: CallContext, bindings: Binding[], heard: FirstAnswer): Promise<void> {
    const targets = bindings.map(targetUri);
    const callId = ctx.callId;
    if (!targets.length) {
      res.send(480, 'Temporarily Unavailable', {});
      await this.record(ctx, null, { endedAtMs: Date.now(), reason: 'call-rejected', status: 480, by: null });
      return;
    }
    void this.events.started(ctx);
    this.logger.debug({ callId, targets }, 'ringing');
    const outcome = await this.fork(req, res, srf, targets, heard);
    switch (outcome.kind) {
      case 'cancelled':
        // drachtio answered the caller's INVITE 487 when its CANCEL came.
        return void (await this.record(ctx, null, { endedAtMs: Date.now(), reason: 'call-canceled', status: 487, by: null }));
      case 'no-answer':
        if (!res.finalResponseSent) res.send(408, 'Request Timeout', {});
        return void (await this.record(ctx, null, { endedAtMs: Date.now(), reason: 'call-rejected', status: 408, by: null }));
      case 'refused':
        if (!res.finalResponseSent) res.send(outcome.answer.status, outcome.answer.reason, {});
        return void (await this.record(ctx, null, { endedAtMs: Date.now(), reason: 'call-rejected', status: outcome.answer.status, by: null }));
      case 'answered':
        return this.connect(req, res, srf, ctx, outcome.dialog, outcome.atMs);
    }
  }

  /**
   * One INVITE to each phone at once. The first 2xx wins and the other legs
   * are cancelled; a 2xx from a leg already given up on (it crossed the
   * CANCEL, or came after the caller's final answer) is ACKed and hung up at
   * once. Provisional answers reach the caller as they come (SDP as is).
   * RING_TIMEOUT_SECONDS after the phones were rung, every leg is cancelled.
   */
  private fork(req: Req, res: Res, srf: Srf, targets: string[], heard: FirstAnswer): Promise<RingOutcome> {
    const from = req.getParsedHeader('From');
    const headers = calleeLegHeaders({
      fromName: from.name,
      fromUri: from.uri,
      toUri: req.getParsedHeader('To').uri,
      header: (name) => (req.has(name) ? req.get(name) : undefined),
    });
    return new Promise<RingOutcome>((resolve) => {
      let settled = false;
      const sent = new Set<Req>();
      const finals: FinalAnswer[] = [];
      let open = targets.length;
      const settle = (o: RingOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(ringTimer);
        for (const r of sent) r.cancel(() => undefined);
        sent.clear();
        resolve(o);
      };
      const ringTimer = setTimeout(() => settle({ kind: 'no-answer' }), this.config.RING_TIMEOUT_SECONDS * 1000);
      req.on('cancel', () => settle({ kind: 'cancelled' }));

      for (const uri of targets) {
        let leg: Req | null = null;
        // drachtio-srf calls it (err, req), whatever its typings say.
        const cbRequest = (err: unknown, r: Req) => {
          if (err || !r) return;
          leg = r;
          if (settled) r.cancel(() => undefined);
          else sent.add(r);
        };
        const cbProvisional = (p: Res) => {
          if (settled || p.status <= 100 || res.finalResponseSent) return;
          heard();
          res.send(p.status, p.reason, p.body ? { body: p.body, headers: { 'Content-Type': p.get('Content-Type') } } : {});
        };
        srf.createUAC(uri, { localSdp: req.body, headers }, { cbRequest: cbRequest as unknown as (r: Req) => void, cbProvisional }).then(
          (dialog) => {
            if (leg) sent.delete(leg);
            if (settled) {
              this.logger.info({ callId: req.get('Call-ID'), uri }, 'a phone answered a leg already given up; hung up');
              void dialog.destroy();
              return;
            }
            heard();
            settle({ kind: 'answered', dialog, atMs: Date.now() });
          },
          (err: { status?: number; reason?: string }) => {
            if (leg) sent.delete(leg);
            finals.push({ status: err.status ?? 500, reason: err.reason ?? 'Server Internal Error' });
            if (--open === 0) settle({ kind: 'refused', answer: bestFinal(finals) });
          },
        );
      }
    });
  }

  /** Answers the caller with the callee's SDP, relays the dialog until a BYE, then writes the CDR. */
  private async connect(req: Req, res: Res, srf: Srf, ctx: CallContext, uac: Srf.Dialog, answeredAtMs: number): Promise<void> {
    let uas: Srf.Dialog;
    try {
      uas = await srf.createUAS(req, res, { localSdp: uac.remote.sdp });
    } catch (e) {
      // The caller gave up just as the callee answered.
      uac.destroy();
      this.logger.info({ err: e, callId: ctx.callId }, 'caller left as the callee answered');
      await this.record(ctx, null, { endedAtMs: Date.now(), reason: 'call-canceled', status: 487, by: null });
      return;
    }
    void this.events.answered(ctx, answeredAtMs);
    relay(uas, uac, this.logger, ctx.callId);
    relay(uac, uas, this.logger, ctx.callId);
    const recorded = this.live.track({ ctx, routeId: null, gatewayId: ctx.gatewayId ?? null, rate: null, answeredAtMs });
    const renew = setInterval(() => void this.live.renew(ctx.callId).catch(() => undefined), this.live.renewEveryMs);
    renew.unref();
    const by = await untilHangup(uas, uac);
    const endedAtMs = Date.now();
    clearInterval(renew);
    await this.live.reclaim(ctx.callId, recorded);
    await this.record(ctx, answeredAtMs, { endedAtMs, reason: 'normal-release', status: null, by });
    await this.live.forget(ctx.callId).catch((err: unknown) => this.logger.warn({ err, callId: ctx.callId }, 'call state not dropped; it expires'));
  }

  private async record(ctx: CallContext, answeredAtMs: number | null, end: CallEnd): Promise<void> {
    await this.cdrs.write(internalCdr(randomUUID(), ctx, answeredAtMs, end));
  }
}

/**
 * Relays what one party sends in the dialog to the other: a re-INVITE's
 * offer to the other side and its answer back (hold, resume, adding video),
 * and the requests in RELAYED with their response. A failure on the far
 * side is answered with its status.
 */
function relay(from: Srf.Dialog, to: Srf.Dialog, logger: Logger, callId: string): void {
  from.on('modify', (req: Req, res: Res) => {
    to.modify(req.body).then(
      (sdp) => res.send(200, { body: sdp, headers: { 'Content-Type': 'application/sdp' } }),
      (err: { status?: number }) => {
        logger.info({ callId, status: err.status }, 're-INVITE refused by the other party');
        res.send(err.status ?? 500);
      },
    );
  });
  for (const [event, names] of Object.entries(RELAYED)) {
    from.on(event as 'info', (req: Req, res: Res) => {
      const headers: Record<string, string> = {};
      for (const n of names) if (req.has(n)) headers[n] = req.get(n);
      const request = { method: req.method, headers, body: req.body || undefined } as unknown as Req;
      to.request(request).then(
        (r) => res.send(r.status, r.reason, r.body ? { body: r.body, headers: { 'Content-Type': r.get('Content-Type') } } : {}),
        (err: unknown) => {
          logger.info({ err, callId, method: req.method }, 'in-dialog request not relayed');
          res.send(500);
        },
      );
    });
  }
}
