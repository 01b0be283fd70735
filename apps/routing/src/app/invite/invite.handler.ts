import type Srf from 'drachtio-srf';
import type { Logger } from 'pino';
import type { Binding } from '@branchline/location';
import { ANSWERED, RequestChain, parseAddress, type Answered, type RequestHandler, type SipAddress } from '@branchline/sip';
import type { CallerExtension, GatewayPeer, TenantRealm } from '../data/directory.repository';
import type { ExtensionCalls } from '../extensions/extension-calls';
import type { CallPlanner, InboundRefusal, OutsidePlan } from '../planning/call-planner';
import { sipReason } from '../planning/dial-decision';
import type { PstnCalls } from '../pstn/pstn-calls';
import { callContext, type CallContext, type InboundCallee, type InviteFacts } from './call-context';
import type { InviteAuthenticator, InviteSender } from './invite-authenticator';
import type { FirstAnswer, RoutingMetrics } from '../metrics/routing-metrics';

type Req = Srf.SrfRequest;
type Res = Srf.SrfResponse;

/** What every INVITE starts with. */
interface Arrival {
  srf: Srf;
  now: number;
}
interface Addressed extends Arrival {
  from: SipAddress | null;
  target: SipAddress;
}
/** The sender is known and may call: an authenticated extension or a trunk. */
interface Admitted extends Addressed {
  sender: Extract<InviteSender, { kind: 'extension' | 'gateway' }>;
}
/** A call the plan sends somewhere, with its context built. */
type Routed = { srf: Srf; ctx: CallContext } & (
  | { kind: 'internal'; caller: CallerExtension; calleeNumber: string; bindings: Promise<Binding[]> | null }
  | { kind: 'outside'; caller: CallerExtension; plan: OutsidePlan }
  | { kind: 'inbound'; gateway: GatewayPeer; didNumber: string; callee: InboundCallee }
);

/** The answer to a trunk's call to a DID that goes nowhere. */
const INBOUND_REFUSED: Record<InboundRefusal, { status: number; reason: string }> = {
  'unknown-number': { status: 404, reason: 'No Such Number' },
  'not-in-service': { status: 404, reason: 'No Such Number' },
  'conference-room': { status: 480, reason: 'Conference service not available' },
};

/**
 * New INVITEs, as a chain of steps: who is calling (digest for phones, source
 * address for gateways), the answer to a sender that may not call yet
 * (challenge) or at all, what the dialed digits mean for the caller's site and
 * class of service (or the DID for a trunk's call), and where the call goes.
 * Internal calls and inbound DID calls ring every registered contact of the
 * callee at once (`ExtensionCalls`, a B2BUA that passes SDP untouched, so
 * media flows between the endpoints); outside and emergency calls go to
 * `PstnCalls`.
 */
export class InviteHandler {
  private readonly chain: RequestHandler<Arrival>;
  private handling = 0;

  constructor(
    private readonly auth: InviteAuthenticator,
    private readonly planner: CallPlanner,
    private readonly extensions: ExtensionCalls,
    private readonly pstn: PstnCalls,
    private readonly logger: Logger,
    private readonly metrics: RoutingMetrics,
  ) {
    this.chain = RequestChain.start<Arrival>()
      .step((req, res, c) => this.addressed(req, res, c))
      .step(async (req, res, c) => this.admitted(res, c, await this.identify(req, c)))
      .step((req, res, c) => (c.sender.kind === 'gateway' ? this.planInbound(req, res, c, c.sender.gateway) : this.planFromExtension(req, res, c, c.sender)))
      .answer((req, res, c) => this.dispatch(req, res, c), { logger, message: 'INVITE failed' });
  }

  /** INVITEs being handled now, from their arrival to the end of their call. */
  get inProgress(): number {
    return this.handling;
  }

  async handle(req: Req, res: Res, srf: Srf): Promise<void> {
    this.handling++;
    try {
      await this.chain(req, res, { srf, now: Date.now() });
    } finally {
      this.handling--;
    }
  }

  private addressed(req: Req, res: Res, c: Arrival): Addressed | Answered {
    const from = parseAddress(req.getParsedHeader('From').uri);
    const target = parseAddress(req.uri);
    if (target) return { ...c, from, target };
    res.send(404, 'Not Found', {});
    return ANSWERED;
  }

  private identify(req: Req, { from, target, now }: Addressed): Promise<InviteSender> {
    return this.auth.identify({
      sourceAddress: req.source_address,
      sourcePort: Number(req.source_port),
      domains: [...new Set([from?.host, target.host].filter((h): h is string => !!h))],
      fromUser: from?.user ?? null,
      proxyAuthorization: req.has('Proxy-Authorization') ? req.get('Proxy-Authorization') : null,
      nowMs: now,
    });
  }

  /** Answers a sender that is challenged or refused; passes on one that may call. */
  private async admitted(res: Res, c: Addressed, sender: InviteSender): Promise<Admitted | Answered> {
    switch (sender.kind) {
      case 'challenge':
        // Held back while its user is under attack (libs/sip-defence): the phone comes back when it may be checked.
        if (sender.delayMs) await new Promise((r) => setTimeout(r, sender.delayMs));
        this.auth.challenge(res, sender.realm, sender.stale, Date.now());
        return ANSWERED;
      case 'forbidden':
        res.send(403, sender.reason, {});
        return ANSWERED;
      default:
        return { ...c, sender };
    }
  }

  /**
   * The caller's call planned. The nonce-count claim is in flight and awaited before anything is
   * done for the call: its Redis round trip overlaps the planning and the callee's bindings lookup.
   */
  private async planFromExtension(req: Req, res: Res, c: Admitted, sender: { realm: TenantRealm; caller: CallerExtension; firstUse: Promise<boolean> }): Promise<Routed | Answered> {
    const { realm, caller } = sender;
    const dialed = c.target.user;
    const plan = await this.planner.plan(caller, dialed, new Date(c.now));
    const bindings = plan.kind === 'internal' ? this.extensions.bindings(realm.tenantId, plan.callee.sipUsername, c.now) : null;
    bindings?.catch(() => undefined); // awaited when the call is dispatched
    // A replayed INVITE (its nonce-count used before) starts over with a fresh challenge.
    if (!(await sender.firstUse)) {
      this.auth.challenge(res, realm.realm, true, c.now);
      return ANSWERED;
    }
    const invite = inviteFacts(req, dialed, c.now);
    switch (plan.kind) {
      case 'refused':
        this.logger.info({ callId: invite.callId, caller: caller.number, dialed, reason: plan.reason }, 'call refused');
        res.send(plan.status, sipReason(plan.reason), {});
        return ANSWERED;
      case 'outside':
        return { srf: c.srf, kind: 'outside', caller, plan, ctx: callContext(invite, { kind: 'outside', realm, caller, dest: plan.dest }) };
      case 'internal': {
        const ctx = callContext(invite, { kind: 'internal', realm, caller, callee: plan.callee });
        return { srf: c.srf, kind: 'internal', caller, calleeNumber: plan.callee.number, bindings, ctx };
      }
    }
  }

  /** A trunk's call to one of the tenant's DIDs: it rings the DID's extension and costs nothing. */
  private async planInbound(req: Req, res: Res, c: Admitted, gateway: GatewayPeer): Promise<Routed | Answered> {
    const number = c.target.user;
    const plan = await this.planner.inbound(gateway, number);
    if (plan.kind === 'refused') {
      if (plan.refusal === 'unknown-number') this.logger.info({ callId: req.get('Call-ID'), gateway: gateway.name, number }, 'inbound call to an unknown number');
      const answer = INBOUND_REFUSED[plan.refusal];
      res.send(answer.status, answer.reason, {});
      return ANSWERED;
    }
    const { did, callee } = plan;
    const ctx = callContext(inviteFacts(req, number, c.now), { kind: 'inbound', gateway, callerNumber: c.from?.user ?? 'anonymous', did, callee });
    return { srf: c.srf, kind: 'inbound', gateway, didNumber: did.didNumber, callee, ctx };
  }

  /** Places the call, counted as active until it ends (its CDR is written). */
  private async dispatch(req: Req, res: Res, c: Routed): Promise<void> {
    this.metrics.activeCalls.inc();
    try {
      await this.place(req, res, c, this.metrics.firstAnswer(c.ctx.startedAtMs));
    } finally {
      this.metrics.activeCalls.dec();
    }
  }

  /** The callee's phones for internal and inbound calls (480 and its CDR when none), the gateways for outside calls. */
  private async place(req: Req, res: Res, c: Routed, heard: FirstAnswer): Promise<void> {
    const { srf, ctx } = c;
    switch (c.kind) {
      case 'outside':
        return this.pstn.place(req, res, srf, c.caller, c.plan, ctx, heard);
      case 'internal':
        this.logger.info({ callId: ctx.callId, caller: c.caller.number, callee: c.calleeNumber }, 'internal call');
        return this.extensions.ring(req, res, srf, ctx, (await c.bindings) ?? [], heard);
      case 'inbound':
        this.logger.info({ callId: ctx.callId, gateway: c.gateway.name, did: c.didNumber, callee: c.callee.number }, 'inbound call');
        return this.extensions.ring(req, res, srf, ctx, await this.extensions.bindings(ctx.tenantId, c.callee.sipUsername, ctx.startedAtMs), heard);
    }
  }
}

/** What the INVITE says about its call, for its context. */
function inviteFacts(req: Req, dialedNumber: string, now: number): InviteFacts {
  return {
    callId: req.get('Call-ID'),
    dialedNumber,
    sourceIp: req.source_address,
    userAgent: req.has('User-Agent') ? req.get('User-Agent').slice(0, 200) : null,
    startedAtMs: now,
  };
}
