import type Srf from 'drachtio-srf';
import type { Logger } from 'pino';
import {
  checkNonce,
  parseDigestAuthorization,
  toDigestCredentials,
  verifyDigestResponse,
} from '@branchline/digest';
import {
  CounterNotIncreased,
  OutOfOrderRegister,
  bindingKey,
  liveBindings,
  resolveExpiry,
  type AorSnapshot,
  type ApplyResult,
  type Binding,
  type BindingChange,
  type LocationStore,
} from '@branchline/location';
import { parseAddress, sendDigestChallenge } from '@branchline/sip';
import type { Attempt, AttemptTicket, Notice, SipDefence } from '@branchline/sip-defence';
import type { CredentialRepository, SipCredential, TenantRealm } from './credential.repository';
import type { SourceRate } from './local-guard';
import type { NonceCounts } from './nonce-counts';
import type { RegistrarKeys } from './registrar-keys';
import type { RegistrationEvents } from './registration-events';
import type { RegistrarConfig } from './registrar.config';

type Req = Srf.SrfRequest;
type Res = Srf.SrfResponse;

/** A digest nonce-count (RFC 7616 `nc`, hex on the wire) and the nonce it counts for. */
interface NonceCount {
  nonce: string;
  value: number;
}

/** Contact parameters come back from drachtio-srf's parser as a loose map. */
type ParsedContact = { name?: string; uri: string; params?: Record<string, string | null | undefined> };

const WILDCARD = '*';

/**
 * REGISTER per RFC 3261 §10.3 with RFC 7616 digest authentication.
 *
 * Every phone gets the same challenge whether or not its user exists, so a
 * scanner learns nothing; a wrong password, an unknown user and a disabled
 * extension all end in the same 403 and count towards the lockouts
 * (libs/sip-defence, shared with routing's INVITE authentication).
 */
export class RegisterHandler {
  constructor(
    private readonly config: RegistrarConfig,
    private readonly credentials: CredentialRepository,
    private readonly location: LocationStore,
    private readonly defence: SipDefence,
    private readonly rate: SourceRate,
    private readonly nonceCounts: NonceCounts,
    private readonly events: RegistrationEvents,
    private readonly keys: RegistrarKeys,
    private readonly logger: Logger,
  ) {}

  async handle(req: Req, res: Res): Promise<void> {
    const now = Date.now();
    const source = req.source_address;
    try {
      if (!this.rate.take(source, now)) {
        return res.send(503, 'Too Many Requests', { headers: { 'Retry-After': '5' } });
      }
      const to = parseTo(req);
      if (to instanceof Error) throw to;
      if (!to) return res.send(400, 'Bad To header', {});
      // The realm is nearly always known in this process.
      const realm = this.credentials.knownRealm(to.host, now) ?? (await this.credentials.realm(to.host));
      // A domain we do not serve: nothing to authenticate against.
      if (!realm) return res.send(404, 'Domain Not Served', {});
      const attempt: Attempt = { source, realm: realm.realm, user: to.user };

      // Without usable credentials the answer is a challenge, from this process alone: the lockouts
      // applied are the ones it knows; Redis is asked once the phone answers the challenge.
      if (this.defence.knownLock(source, realm.realm, to.user, now)) return this.refuseLocked(res, attempt, []);
      const header = headerOf(req, 'authorization');
      if (!header) return this.challenge(res, realm.realm, now, false);
      const params = parseDigestAuthorization(header);
      const creds = params ? toDigestCredentials(params) : 'missing-field';
      if (typeof creds === 'string') return this.challenge(res, realm.realm, now, false);
      if (creds.realm !== realm.realm) return this.challenge(res, realm.realm, now, false);
      const nonce = checkNonce(this.config.NONCE_SECRET, realm.realm, creds.nonce, now, this.config.NONCE_TTL_SECONDS * 1000);
      if (nonce.status === 'stale') return this.challenge(res, realm.realm, now, true);
      if (nonce.status === 'invalid') return this.challenge(res, realm.realm, now, false);

      // One round trip for the lockouts in Redis, the cached credentials and the phone's bindings.
      const cacheKey = this.credentials.credentialCacheKey(realm.realm, creds.username);
      const aorKey = this.location.keys.aor(realm.tenantId, creds.username);
      const admission = await this.defence.admit(attempt, now, { get: [cacheKey], hgetall: aorKey });
      const { verdict, ticket } = admission;
      if (verdict.kind === 'refuse') return this.refuseLocked(res, attempt, admission.notices);
      this.announce(attempt, admission.notices);
      // Its user is under attack and this source is not one it registered from lately: not checked
      // now; a fresh challenge, once the next check may be made, asks the phone to come back.
      if (verdict.kind === 'challenge') {
        await new Promise((r) => setTimeout(r, verdict.delayMs));
        return this.challenge(res, realm.realm, Date.now(), true);
      }

      const credential = await this.credentials.find(realm, creds.username, admission.cached[0]);
      const ha1 = credential ? (creds.algorithm === 'SHA-256' ? credential.ha1Sha256 : credential.ha1Md5) : undefined;
      const valid = !!ha1 && verifyDigestResponse(creds, 'REGISTER', ha1);
      // Authenticated as someone, but registering another user's address: refused like a bad password.
      if (!credential || !valid || !credential.enabled || creds.username !== to.user) {
        return this.failed(res, attempt, ticket, now);
      }
      // The password is right: the attempt is no failure, whatever happens to the request next; once
      // accepted (not a replay), its source is one the phone uses. Neither is waited for.
      const settled = (err: unknown) => this.logger.warn({ err, source }, 'authentication success not recorded');
      this.defence.succeeded(attempt, ticket).catch(settled);
      const accepted = () => this.defence.trust(attempt, ticket).catch(settled);
      // RFC 7616 replay protection: with qop the nonce-count must go up. It is checked and advanced
      // with the write of the bindings, in the same step; a count that is no hex number is a replay too.
      let nonceCount: NonceCount | undefined;
      if (creds.qop) {
        const value = /^[0-9a-f]{1,8}$/i.test(creds.nc ?? '') ? parseInt(creds.nc ?? '', 16) : NaN;
        if (!(value > 0)) return this.challenge(res, realm.realm, now, true);
        nonceCount = { nonce: creds.nonce, value };
      }
      const snapshot = admission.hash ? this.location.snapshotFromFields(admission.hash) : undefined;
      return await this.bind(req, res, realm, credential, now, snapshot, accepted, nonceCount);
    } catch (e) {
      this.logger.error({ err: e, callId: headerOf(req, 'call-id') }, 'REGISTER failed');
      res.send(500, {});
    }
  }

  private async bind(
    req: Req,
    res: Res,
    realm: TenantRealm,
    credential: SipCredential,
    now: number,
    snapshot: AorSnapshot | undefined,
    accepted: () => void,
    nonceCount?: NonceCount,
  ): Promise<void> {
    const callId = headerOf(req, 'call-id') ?? '';
    const cseq = parseInt(headerOf(req, 'cseq') ?? '', 10);
    const contactHeader = headerOf(req, 'contact')?.trim() ?? '';
    const headerExpires = headerOf(req, 'expires');
    const userAgent = headerOf(req, 'user-agent');
    const changes: BindingChange[] = [];

    if (contactHeader === WILDCARD) {
      // RFC 3261 §10.3 step 6: "*" only with Expires: 0.
      if (headerExpires?.trim() !== '0') return res.send(400, 'Wildcard Contact Needs Expires 0', {});
      changes.push({ op: 'remove-all', callId, cseq });
    } else if (contactHeader) {
      const policy = { defaultSeconds: this.config.EXPIRES_DEFAULT, minSeconds: this.config.EXPIRES_MIN, maxSeconds: this.config.EXPIRES_MAX };
      for (const c of req.getParsedHeader('Contact') as ParsedContact[]) {
        if (c.uri === WILDCARD) return res.send(400, 'Wildcard Contact Must Stand Alone', {});
        const params = c.params ?? {};
        const decision = resolveExpiry(params['expires'] ?? undefined, headerExpires, policy);
        const instanceId = params['+sip.instance'] ?? undefined;
        const regId = params['reg-id'] ?? undefined;
        if (decision.kind === 'too-brief') {
          return res.send(423, 'Interval Too Brief', { headers: { 'Min-Expires': String(decision.minSeconds) } });
        }
        if (decision.kind === 'remove') {
          changes.push({ op: 'remove', key: bindingKey({ contact: c.uri, instanceId, regId }) });
          continue;
        }
        const binding: Binding = {
          contact: c.uri,
          source: { address: req.source_address, port: Number(req.source_port), transport: String(req.protocol).toLowerCase() },
          expiresAt: now + decision.seconds * 1000,
          registeredAt: now,
          callId,
          cseq,
          registrar: this.config.REGISTRAR_ID,
          ...(userAgent ? { userAgent: userAgent.slice(0, 200) } : {}),
          ...(instanceId ? { instanceId } : {}),
          ...(regId ? { regId } : {}),
        };
        changes.push({ op: 'upsert', binding });
      }
    }

    let result: ApplyResult | undefined;
    let current = snapshot;
    if (changes.length) {
      const counter = nonceCount && { key: this.keys.nonceCount(nonceCount.nonce), value: nonceCount.value, ttlSeconds: this.config.NONCE_TTL_SECONDS };
      try {
        // the registration events go out from the same script, only if the change is written
        const publish = (r: ApplyResult) => this.events.messagesFor(credential, r);
        result = await this.location.apply(realm.tenantId, credential.user, changes, now, snapshot, { counter, publish });
      } catch (e) {
        if (e instanceof OutOfOrderRegister) return res.send(500, 'Out Of Order', { headers: { 'Retry-After': '1' } });
        // A replayed request: make the phone start over with a fresh nonce.
        if (e instanceof CounterNotIncreased) return this.challenge(res, realm.realm, now, true);
        throw e;
      }
    } else {
      // No Contact: a query for the current bindings, replay-checked on its own.
      const [fresh, read] = await Promise.all([
        nonceCount ? this.nonceCounts.accept(nonceCount.nonce, nonceCount.value, this.config.NONCE_TTL_SECONDS) : true,
        current ?? this.location.read(realm.tenantId, credential.user),
      ]);
      if (!fresh) return this.challenge(res, realm.realm, now, true);
      current = read;
    }
    const bindings = result ? result.bindings : liveBindings(current?.bindings ?? [], now);
    const contact = bindings.map((b) => `<${b.contact}>;expires=${Math.max(0, Math.round((b.expiresAt - now) / 1000))}`).join(', ');
    res.send(200, { headers: { ...(contact ? { Contact: contact } : {}), Date: new Date(now).toUTCString() } });
    accepted();
  }

  private challenge(res: Res, realm: string, now: number, stale: boolean): void {
    sendDigestChallenge(res, 'registrar', { realm, secret: this.config.NONCE_SECRET, algorithm: this.config.DIGEST_ALGORITHM, stale, nowMs: now });
  }

  private async failed(res: Res, attempt: Attempt, ticket: AttemptTicket, now: number): Promise<void> {
    const f = await this.defence.failed(attempt, ticket, now);
    if (f.lock) return this.refuseLocked(res, attempt, f.notices);
    this.announce(attempt, f.notices);
    res.send(403, 'Forbidden', {});
  }

  /** Refuses a locked-out REGISTER; a lock new to this process is logged and announced first. */
  private async refuseLocked(res: Res, attempt: Attempt, notices: Notice[]): Promise<void> {
    await Promise.all(notices.map((n) => this.events.blocked(attempt, n)));
    // Silence makes a scanner wait for timeouts; 403 is kinder to a misconfigured phone.
    if (this.config.LOCKOUT_SILENT) return;
    res.send(403, 'Forbidden', {});
  }

  /** Logs and announces locks and slow-downs new to this process, without holding up the answer. */
  private announce(attempt: Attempt, notices: Notice[]): void {
    for (const n of notices) void this.events.blocked(attempt, n);
  }
}

/**
 * A header by its lower-case name, as drachtio-srf's parser stored it (standard headers under
 * their full lower-case names, compact forms expanded). Its own get()/has() scan and lower-case
 * every header name on each call, a dozen times per REGISTER.
 */
function headerOf(req: Req, name: string): string | undefined {
  return (req.headers as Record<string, string | undefined>)[name];
}

/** The To address; a header drachtio-srf cannot parse comes back as the error it threw. */
function parseTo(req: Req): { user: string; host: string } | null | Error {
  try {
    return parseAddress(req.getParsedHeader('To').uri);
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}
