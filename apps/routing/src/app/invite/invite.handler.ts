import type Srf from 'drachtio-srf';
import type { Logger } from 'pino';
import type { Binding, LocationStore } from '@branchline/location';
import { parseAddress, sendDigestChallenge } from '@branchline/sip';
import type { CallContext } from '../billing/cdr-pricing';
import type { CallPlanner } from '../planning/call-planner';
import { sipReason } from '../planning/dial-decision';
import type { CallerExtension, DirectoryRepository, TenantRealm } from '../data/directory.repository';
import type { GatewayPeer } from '../data/directory.repository';
import type { ExtensionCalls } from '../extensions/extension-calls';
import type { InviteAuthenticator } from './invite-authenticator';
import type { PstnCalls } from '../pstn/pstn-calls';
import type { RoutingConfig } from '../routing.config';
import type { TrunkRepository } from '../data/trunk.repository';

type Req = Srf.SrfRequest;
type Res = Srf.SrfResponse;

/**
 * New INVITEs: who is calling (digest for phones, source address for
 * gateways), what the dialed digits mean for the caller's site and class of
 * service, and where the call goes. Internal calls and inbound DID calls ring
 * every registered contact of the callee at once (`ExtensionCalls`, a B2BUA
 * that passes SDP untouched, so media flows between the endpoints); outside
 * and emergency calls go to `PstnCalls`.
 */
export class InviteHandler {
  constructor(
    private readonly config: RoutingConfig,
    private readonly auth: InviteAuthenticator,
    private readonly directory: DirectoryRepository,
    private readonly location: LocationStore,
    private readonly extensions: ExtensionCalls,
    private readonly trunks: TrunkRepository,
    private readonly pstn: PstnCalls,
    private readonly planner: CallPlanner,
    private readonly logger: Logger,
  ) {}

  async handle(req: Req, res: Res, srf: Srf): Promise<void> {
    const now = Date.now();
    const callId = req.get('Call-ID');
    try {
      const from = parseAddress(req.getParsedHeader('From').uri);
      const target = parseAddress(req.uri);
      if (!target) return res.send(404, 'Not Found', {});
      const sender = await this.auth.identify({
        sourceAddress: req.source_address,
        sourcePort: Number(req.source_port),
        domains: [...new Set([from?.host, target.host].filter((h): h is string => !!h))],
        fromUser: from?.user ?? null,
        proxyAuthorization: req.has('Proxy-Authorization') ? req.get('Proxy-Authorization') : null,
        nowMs: now,
      });
      switch (sender.kind) {
        case 'challenge':
          // Held back while its user is under attack (libs/sip-defence): the phone comes back when it may be checked.
          if (sender.delayMs) await new Promise((r) => setTimeout(r, sender.delayMs));
          return this.challenge(res, sender.realm, sender.stale, Date.now());
        case 'forbidden':
          return res.send(403, sender.reason, {});
        case 'gateway':
          return await this.inbound(req, res, srf, sender.gateway, target.user, from?.user ?? 'anonymous', now);
        case 'extension':
          // The nonce-count claim is in flight and awaited before anything is done for the call: its
          // Redis round trip overlaps the planning and the callee's bindings lookup.
          return await this.route(req, res, srf, sender.realm, sender.caller, target.user, now, sender.firstUse);
      }
    } catch (e) {
      this.logger.error({ err: e, callId }, 'INVITE failed');
      if (!res.finalResponseSent) res.send(500, {});
    }
  }

  /** 407 with a fresh nonce; `stale` tells the phone its credentials were right but the nonce is used up. */
  private challenge(res: Res, realm: string, stale: boolean, now: number): void {
    sendDigestChallenge(res, 'proxy', { realm, secret: this.config.NONCE_SECRET, algorithm: this.config.DIGEST_ALGORITHM, stale, nowMs: now });
  }

  private async route(
    req: Req,
    res: Res,
    srf: Srf,
    realm: TenantRealm,
    caller: CallerExtension,
    dialed: string,
    now: number,
    firstUse: Promise<boolean>,
  ): Promise<void> {
    const callId = req.get('Call-ID');
    const plan = await this.planner.plan(caller, dialed, new Date(now));
    // An internal call's bindings are read while the nonce-count claim is in flight.
    const lookup = plan.kind === 'internal' ? this.location.lookup(realm.tenantId, plan.callee.sipUsername, now) : null;
    lookup?.catch(() => undefined); // awaited below
    // A replayed INVITE (its nonce-count used before) starts over with a fresh challenge.
    if (!(await firstUse)) return this.challenge(res, realm.realm, true, now);
    if (plan.kind === 'refused') {
      this.logger.info({ callId, caller: caller.number, dialed, reason: plan.reason }, 'call refused');
      return res.send(plan.status, sipReason(plan.reason), {});
    }
    const base = {
      callId,
      tenantId: realm.tenantId,
      currency: realm.currency,
      callerNumber: caller.number,
      callerName: caller.displayName,
      callerExtensionId: caller.extensionId,
      siteId: caller.site.id,
      costCentre: caller.site.costCentre,
      dialedNumber: dialed,
      sourceIp: req.source_address,
      userAgent: req.has('User-Agent') ? req.get('User-Agent').slice(0, 200) : null,
      startedAtMs: now,
    };
    if (plan.kind === 'outside') {
      const emergency = plan.dest.kind === 'emergency';
      const ctx: CallContext = {
        ...base,
        direction: emergency ? 'EMERGENCY' : 'OUTBOUND',
        calleeExtensionId: null,
        normalizedNumber: plan.dest.kind === 'external' ? plan.dest.e164 : plan.dest.number,
      };
      return this.pstn.place(req, res, srf, caller, plan, ctx);
    }
    const callee = plan.callee;
    const ctx: CallContext = { ...base, direction: 'INTERNAL', calleeExtensionId: callee.extensionId };
    this.logger.info({ callId, caller: caller.number, callee: callee.number }, 'internal call');
    return this.ring(req, res, srf, ctx, (await lookup) ?? []);
  }

  /**
   * A call from a trunk to one of the tenant's DIDs (the Request-URI user, as
   * "+E.164" or the same digits without "+"): it rings the mapped extension
   * like an internal call and costs nothing; a DID of a conference room gets
   * 480 until the conference service takes calls; an unknown number 404.
   */
  private async inbound(req: Req, res: Res, srf: Srf, gateway: GatewayPeer, user: string, callerNumber: string, now: number): Promise<void> {
    const callId = req.get('Call-ID');
    const did = await this.trunks.did(gateway.tenantId, user);
    if (!did) {
      this.logger.info({ callId, gateway: gateway.name, number: user }, 'inbound call to an unknown number');
      return res.send(404, 'No Such Number', {});
    }
    if (did.kind === 'conference') return res.send(480, 'Conference service not available', {});
    const callee = await this.directory.extensionById(gateway.tenantId, did.extensionId);
    if (!callee?.enabled) return res.send(404, 'No Such Number', {});
    const ctx: CallContext = {
      callId,
      tenantId: gateway.tenantId,
      currency: gateway.currency,
      direction: 'INBOUND',
      callerNumber: callerNumber.slice(0, 64),
      callerName: null,
      callerExtensionId: null,
      siteId: did.siteId ?? callee.siteId,
      costCentre: callee.costCentre,
      dialedNumber: user,
      calleeExtensionId: callee.extensionId,
      sourceIp: req.source_address,
      userAgent: req.has('User-Agent') ? req.get('User-Agent').slice(0, 200) : null,
      startedAtMs: now,
      normalizedNumber: did.didNumber,
      gatewayId: gateway.gatewayId,
    };
    this.logger.info({ callId, gateway: gateway.name, did: did.didNumber, callee: callee.number }, 'inbound call');
    return this.ring(req, res, srf, ctx, await this.location.lookup(ctx.tenantId, callee.sipUsername, ctx.startedAtMs));
  }

  /** Rings every live binding of the callee at once; 480 (and its CDR) when none. */
  private ring(req: Req, res: Res, srf: Srf, ctx: CallContext, bindings: Binding[]): Promise<void> {
    return this.extensions.ring(req, res, srf, ctx, bindings.map(targetUri));
  }
}

/**
 * Where to send a call for a binding: the registered Contact's user at the
 * address the REGISTER came from, which is what reaches a phone behind NAT.
 */
export function targetUri(b: Binding): string {
  const user = /^sips?:([^@;?>]+)@/i.exec(b.contact)?.[1];
  const host = b.source.address.includes(':') ? `[${b.source.address}]` : b.source.address;
  const transport = b.source.transport === 'udp' ? '' : `;transport=${b.source.transport}`;
  return `sip:${user ? `${user}@` : ''}${host}:${b.source.port}${transport}`;
}
