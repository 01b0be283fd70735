import type Redis from 'ioredis';
import { checkNonce, parseDigestAuthorization, toDigestCredentials, verifyDigestResponse } from '@branchline/digest';
import type { CallerExtension, DirectoryRepository, GatewayPeer, TenantRealm } from './directory.repository';
import type { RoutingKeys } from './routing-keys';

/** What the INVITE handler needs to know about an INVITE's sender. */
export type InviteSender =
  | { kind: 'extension'; realm: TenantRealm; caller: CallerExtension; nonceUse: NonceUse | null }
  | { kind: 'gateway'; gateway: GatewayPeer }
  | { kind: 'challenge'; realm: string; stale: boolean }
  | { kind: 'forbidden'; reason: string };

/** A nonce with the nonce-count an authenticated INVITE used it with (qop=auth). */
export interface NonceUse {
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

/**
 * Who sent an INVITE: a configured gateway (by source address and port, no
 * challenge), or a phone proving with RFC 7616 digest (407, realm = tenant SIP
 * domain) that it holds an extension's password. Everything else is refused;
 * a wrong password, an unknown user and a disabled extension look the same.
 */
export class InviteAuthenticator {
  constructor(
    private readonly directory: DirectoryRepository,
    private readonly redis: Redis,
    private readonly keys: RoutingKeys,
    private readonly nonce: { secret: string; ttlSeconds: number },
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

    const params = i.proxyAuthorization ? parseDigestAuthorization(i.proxyAuthorization) : null;
    const creds = params ? toDigestCredentials(params) : 'missing-field';
    if (typeof creds === 'string' || creds.realm !== realm.realm) return { kind: 'challenge', realm: realm.realm, stale: false };
    const nonce = checkNonce(this.nonce.secret, realm.realm, creds.nonce, i.nowMs, this.nonce.ttlSeconds * 1000);
    if (nonce.status !== 'valid') return { kind: 'challenge', realm: realm.realm, stale: nonce.status === 'stale' };

    const caller = await this.directory.caller(realm, creds.username);
    const ha1 = caller ? (creds.algorithm === 'SHA-256' ? caller.ha1Sha256 : caller.ha1Md5) : undefined;
    // Calling as someone else's From is refused like a wrong password.
    if (!caller || !ha1 || !verifyDigestResponse(creds, 'INVITE', ha1) || !caller.enabled || (i.fromUser !== null && i.fromUser !== caller.sipUsername)) {
      return { kind: 'forbidden', reason: 'Forbidden' };
    }
    // The nonce-count is claimed by `firstUse`, which the caller issues alongside its own Redis reads.
    return { kind: 'extension', realm, caller, nonceUse: creds.qop ? { nonce: creds.nonce, nc: creds.nc ?? '' } : null };
  }

  /**
   * Claims a nonce-count: true the first time, false for a replay (a captured INVITE sent again), which
   * gets a fresh challenge. Without qop there is no count to claim.
   */
  async firstUse(use: NonceUse | null): Promise<boolean> {
    if (!use) return true;
    return (await this.redis.set(this.keys.nonceCount(use.nonce, use.nc), '1', 'EX', this.nonce.ttlSeconds, 'NX')) === 'OK';
  }
}
