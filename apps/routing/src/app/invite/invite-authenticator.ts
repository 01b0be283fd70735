import type Srf from 'drachtio-srf';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { checkNonce, parseDigestAuthorization, toDigestCredentials, verifyDigestResponse, type DigestAlgorithm } from '@branchline/digest';
import { sendDigestChallenge } from '@branchline/sip';
import type { Attempt, Notice, SipDefence } from '@branchline/sip-defence';
import type { CallEvents } from '../call-events';
import type { CallerExtension, DirectoryRepository, GatewayPeer, TenantRealm } from '../data/directory.repository';
import type { RoutingKeys } from '../routing-keys';

/** What the INVITE handler needs to know about an INVITE's sender. */
export type InviteSender =
  /** Authenticated. `firstUse` claims its nonce-count (in flight): false for a replay, which gets a fresh challenge. */
  | { kind: 'extension'; realm: TenantRealm; caller: CallerExtension; firstUse: Promise<boolean> }
  | { kind: 'gateway'; gateway: GatewayPeer }
  /** 407; `delayMs`: its user is under attack, this source is not trusted, another check is running: answer then. */
  | { kind: 'challenge'; realm: string; stale: boolean; delayMs?: number }
  | { kind: 'forbidden'; reason: string };

/** A nonce with the nonce-count an authenticated INVITE used it with (qop=auth). */
interface NonceUse {
  nonce: string;
  nc: string;
}

export interface InviteCredentialsInput {
  sourceAddress: string;
  sourcePort: number;
  /** Host of the From URI (the caller's domain), then of the Request-URI. */
  domains: string[];
  fromUser: string | null;
  proxyAuthorization: string | null;
  nowMs: number;
}

const FORBIDDEN: InviteSender = { kind: 'forbidden', reason: 'Forbidden' };

/**
 * Who sent an INVITE: a configured gateway (by source address and port, no
 * challenge), or a phone proving with RFC 7616 digest (407, realm = tenant SIP
 * domain) that it holds an extension's password. Everything else is refused;
 * a wrong password, an unknown user, a disabled extension and a locked-out
 * source look the same (403). Failures count in the registrar's brute-force
 * defence (libs/sip-defence: the same keys and thresholds), so a password
 * cannot be guessed through INVITE either, and a lock met on REGISTER or
 * INVITE holds on both.
 */
export class InviteAuthenticator {
  constructor(
    private readonly directory: DirectoryRepository,
    private readonly redis: Redis,
    private readonly keys: RoutingKeys,
    private readonly defence: SipDefence,
    private readonly events: CallEvents,
    private readonly logger: Logger,
    private readonly nonce: { secret: string; ttlSeconds: number; algorithm: DigestAlgorithm },
  ) {}

  async identify(i: InviteCredentialsInput): Promise<InviteSender> {
    const gateway = await this.directory.gatewayAt(i.sourceAddress, i.sourcePort);
    if (gateway) return { kind: 'gateway', gateway };

    let realm: TenantRealm | null = null;
    for (const d of i.domains) {
      realm = await this.directory.realm(d);
      if (realm) break;
    }
    if (!realm) return { kind: 'forbidden', reason: 'Domain Not Served' };
    // A lock this process knows: refused before any challenge, without asking Redis.
    if (this.defence.knownLock(i.sourceAddress, realm.realm, i.fromUser, i.nowMs)) return FORBIDDEN;

    const params = i.proxyAuthorization ? parseDigestAuthorization(i.proxyAuthorization) : null;
    const creds = params ? toDigestCredentials(params) : 'missing-field';
    if (typeof creds === 'string' || creds.realm !== realm.realm) return { kind: 'challenge', realm: realm.realm, stale: false };
    const nonce = checkNonce(this.nonce.secret, realm.realm, creds.nonce, i.nowMs, this.nonce.ttlSeconds * 1000);
    if (nonce.status !== 'valid') return { kind: 'challenge', realm: realm.realm, stale: nonce.status === 'stale' };

    // The defence's admission and the nonce-count claim leave together (auto-pipelining): one round
    // trip before the call goes on, as before the defence. A claim for a refused INVITE uses up
    // nothing a phone needs: its next INVITE gets a fresh nonce.
    const attempt: Attempt = { source: i.sourceAddress, realm: realm.realm, user: creds.username };
    const admitted = this.defence.admit(attempt, i.nowMs);
    admitted.catch(() => undefined); // awaited below, unless the directory lookup fails first
    const firstUse = this.firstUse(creds.qop ? { nonce: creds.nonce, nc: creds.nc ?? '' } : null);
    firstUse.catch(() => undefined); // awaited by the handler; a failure surfaces there
    const caller = await this.directory.caller(realm, creds.username);
    const admission = await admitted;
    this.announce(attempt, admission.notices);
    const verdict = admission.verdict;
    if (verdict.kind === 'refuse') return FORBIDDEN;
    if (verdict.kind === 'challenge') return { kind: 'challenge', realm: realm.realm, stale: true, delayMs: verdict.delayMs };

    const ha1 = caller ? (creds.algorithm === 'SHA-256' ? caller.ha1Sha256 : caller.ha1Md5) : undefined;
    // Calling as someone else's From is refused like a wrong password.
    if (!caller || !ha1 || !verifyDigestResponse(creds, 'INVITE', ha1) || !caller.enabled || (i.fromUser !== null && i.fromUser !== caller.sipUsername)) {
      const failure = await this.defence.failed(attempt, admission.ticket, i.nowMs);
      this.announce(attempt, failure.notices);
      return FORBIDDEN;
    }
    // The password is right: no failure; and unless the INVITE is a replay, its source is one the
    // phone uses. Not waited for: it changes nothing of this call.
    const settled = (err: unknown) => this.logger.warn({ err, source: attempt.source }, 'authentication success not recorded');
    this.defence.succeeded(attempt, admission.ticket).catch(settled);
    firstUse.then((first) => (first ? this.defence.trust(attempt, admission.ticket) : undefined)).catch(settled);
    return { kind: 'extension', realm, caller, firstUse };
  }

  /** 407 with a fresh nonce; `stale` tells the phone its credentials were right but the nonce is used up. */
  challenge(res: Srf.SrfResponse, realm: string, stale: boolean, nowMs: number): void {
    sendDigestChallenge(res, 'proxy', { realm, secret: this.nonce.secret, algorithm: this.nonce.algorithm, stale, nowMs });
  }

  /**
   * Claims a nonce-count: true the first time, false for a replay (a captured INVITE sent again).
   * Without qop there is no count to claim.
   */
  private async firstUse(use: NonceUse | null): Promise<boolean> {
    if (!use) return true;
    return (await this.redis.set(this.keys.nonceCount(use.nonce, use.nc), '1', 'EX', this.nonce.ttlSeconds, 'NX')) === 'OK';
  }

  /** Logs and publishes locks and slow-downs new to this process, without holding up the INVITE. */
  private announce(attempt: Attempt, notices: Notice[]): void {
    for (const n of notices) void this.events.callerBlocked(attempt, n);
  }
}
