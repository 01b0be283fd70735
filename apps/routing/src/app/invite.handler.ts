import { randomUUID } from 'node:crypto';
import type Srf from 'drachtio-srf';
import type { Logger } from 'pino';
import { buildDigestChallenge, issueNonce } from '@branchline/digest';
import type { Binding, LocationStore } from '@branchline/location';
import { internalCdr, type CallContext } from './call-record';
import type { CallEvents } from './call-events';
import type { CallStore } from './call-store';
import type { CdrWriter } from './cdr-writer';
import { decideDial } from './dial-decision';
import type { CallerExtension, DirectoryRepository, TenantRealm } from './directory.repository';
import type { InviteAuthenticator } from './invite-authenticator';
import type { RoutingConfig } from './routing.config';

type Req = Srf.SrfRequest;
type Res = Srf.SrfResponse;

/**
 * New INVITEs: who is calling (digest for phones, source address for
 * gateways), what the dialed digits mean for the caller's site and class of
 * service, and where the call goes. Internal calls are proxied (record-routed)
 * to every registered contact of the callee at once, so SDP passes untouched
 * and media flows between the phones; drachtio's CDR events time the call.
 */
export class InviteHandler {
  constructor(
    private readonly config: RoutingConfig,
    private readonly auth: InviteAuthenticator,
    private readonly directory: DirectoryRepository,
    private readonly location: LocationStore,
    private readonly calls: CallStore,
    private readonly cdrs: CdrWriter,
    private readonly events: CallEvents,
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
        case 'challenge': {
          const nonce = issueNonce(this.config.NONCE_SECRET, sender.realm, now);
          const challenge = buildDigestChallenge({ realm: sender.realm, nonce, algorithm: this.config.DIGEST_ALGORITHM, stale: sender.stale });
          return res.send(407, { headers: { 'Proxy-Authenticate': challenge } });
        }
        case 'forbidden':
          return res.send(403, sender.reason, {});
        case 'gateway':
          // Inbound DIDs are the next slice; until then no number is reachable from a trunk.
          return res.send(404, 'No Such Number', {});
        case 'extension':
          return await this.route(req, res, srf, sender.realm, sender.caller, target.user, now);
      }
    } catch (e) {
      this.logger.error({ err: e, callId }, 'INVITE failed');
      if (!res.finalResponseSent) res.send(500, {});
    }
  }

  private async route(req: Req, res: Res, srf: Srf, realm: TenantRealm, caller: CallerExtension, dialed: string, now: number): Promise<void> {
    const callId = req.get('Call-ID');
    const callee = /^\d+$/.test(dialed) ? await this.directory.extensionByNumber(realm.tenantId, dialed) : null;
    const decision = decideDial(dialed, { classOfService: caller.classOfService, site: caller.site }, callee?.number ?? null);
    if (decision.kind === 'refused') {
      this.logger.info({ callId, caller: caller.number, dialed, reason: decision.reason }, 'call refused');
      return res.send(decision.status, decision.reason, {});
    }
    if (decision.kind !== 'internal' || !callee) return res.send(503, 'PSTN routing not yet available', {});
    if (!callee.enabled) return res.send(404, 'Extension Not In Service', {});

    const ctx: CallContext = {
      callId,
      tenantId: realm.tenantId,
      currency: realm.currency,
      direction: 'INTERNAL',
      callerNumber: caller.number,
      callerName: caller.displayName,
      callerExtensionId: caller.extensionId,
      siteId: caller.site.id,
      costCentre: caller.site.costCentre,
      dialedNumber: dialed,
      calleeExtensionId: callee.extensionId,
      sourceIp: req.source_address,
      userAgent: req.has('User-Agent') ? req.get('User-Agent').slice(0, 200) : null,
      startedAtMs: now,
      inviteCseq: parseInt(req.get('CSeq'), 10),
      callerTag: req.getParsedHeader('From').params?.['tag'] ?? '',
    };
    const bindings = await this.location.lookup(realm.tenantId, callee.sipUsername, now);
    if (!bindings.length) {
      res.send(480, 'Temporarily Unavailable', {});
      await this.cdrs.write(internalCdr(randomUUID(), ctx, null, { endedAtMs: Date.now(), reason: 'call-rejected', status: 480, byeFromTag: null }));
      return;
    }
    await this.calls.open(ctx);
    void this.events.started(ctx);
    const targets = bindings.map(targetUri);
    this.logger.info({ callId, caller: caller.number, callee: callee.number, targets }, 'internal call');
    await new Promise<void>((done) =>
      srf.proxyRequest(req, targets, { forking: 'simultaneous', recordRoute: true, finalTimeout: `${this.config.RING_TIMEOUT_SECONDS}s` }, (err) => {
        // The outcome reaches the CDR through cdr:start / cdr:stop, wherever those are delivered.
        if (err) this.logger.warn({ err, callId }, 'proxy failed');
        done();
      }),
    );
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

/** user@host of a SIP URI, host lower-cased; null when it is not a sip(s) URI with a user. */
export function parseAddress(uri: string): { user: string; host: string } | null {
  const m = /^sips?:([^@;?]+)@([^;?>:]+|\[[^\]]+\])/i.exec(uri);
  return m ? { user: decodeURIComponent(m[1]), host: m[2].toLowerCase() } : null;
}
