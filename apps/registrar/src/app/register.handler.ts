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
  liveBindings,
  type AorSnapshot,
  type ApplyResult,
  type LocationStore,
} from '@branchline/location';
import { ANSWERED, RequestChain, sendDigestChallenge, type Answered, type RequestHandler } from '@branchline/sip';
import type { Admission, Attempt, AttemptTicket, Notice, SipDefence } from '@branchline/sip-defence';
import type { DigestCredentials } from '@branchline/digest';
import type { CredentialRepository, SipCredential, TenantRealm } from './credential.repository';
import type { SourceRate } from './local-guard';
import type { NonceCounts } from './nonce-counts';
import type { RegistrarKeys } from './registrar-keys';
import type { RegistrationEvents } from './registration-events';
import type { RegistrarConfig } from './registrar.config';
import type { RegistrarMetrics } from './registrar-metrics';
import { contactChanges } from './contact-changes';
import { headerOf, parseTo } from './request-headers';

type Req = Srf.SrfRequest;
type Res = Srf.SrfResponse;

/** A digest nonce-count (RFC 7616 `nc`, hex on the wire) and the nonce it counts for. */
interface NonceCount {
  nonce: string;
  value: number;
}


/** The steps' contexts: what a REGISTER is known to be so far. */
interface Arrival {
  now: number;
  source: string;
}
interface Addressed extends Arrival {
  to: { user: string; host: string };
  realm: TenantRealm;
  attempt: Attempt;
}
interface WithCredentials extends Addressed {
  creds: DigestCredentials;
}
interface Admitted extends WithCredentials {
  admission: Admission;
}
interface Verified extends Admitted {
  credential: SipCredential;
  accepted: () => void;
  nonceCount: NonceCount | undefined;
  snapshot: AorSnapshot | undefined;
}

/**
 * REGISTER per RFC 3261 §10.3 with RFC 7616 digest authentication.
 *
 * Every phone gets the same challenge whether or not its user exists, so a
 * scanner learns nothing; a wrong password, an unknown user and a disabled
 * extension all end in the same 403 and count towards the lockouts
 * (libs/sip-defence, shared with routing's INVITE authentication).
 */
export class RegisterHandler {
  private readonly chain: RequestHandler<Arrival>;

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
    private readonly metrics: RegistrarMetrics,
  ) {
    const { registrations } = metrics;
    this.chain = RequestChain.start<Arrival>()
      .step((req, res, c) => this.addressed(req, res, c))
      .step((req, res, c) => this.withCredentials(req, res, c))
      .step((_req, res, c) => this.admitted(res, c))
      .step((_req, res, c) => this.verified(res, c))
      .answer((req, res, c) => this.bind(req, res, c), { logger, message: 'REGISTER failed', onFailure: () => registrations.error.inc() });
  }

  handle(req: Req, res: Res): Promise<void> {
    return this.chain(req, res, { now: Date.now(), source: req.source_address });
  }

  /** Within this replica's rate for the source, to a domain we serve: who it registers as. */
  private addressed(req: Req, res: Res, c: Arrival): Addressed | Answered | Promise<Addressed | Answered> {
    if (!this.rate.take(c.source, c.now)) {
      res.send(503, 'Too Many Requests', { headers: { 'Retry-After': '5' } });
      this.metrics.registrations['rate-limited'].inc();
      return ANSWERED;
    }
    const to = parseTo(req);
    if (to instanceof Error) throw to;
    if (!to) {
      res.send(400, 'Bad To header', {});
      this.metrics.registrations.invalid.inc();
      return ANSWERED;
    }
    // The realm is nearly always known in this process.
    const known = this.credentials.knownRealm(to.host, c.now);
    if (known) return { ...c, to, realm: known, attempt: { source: c.source, realm: known.realm, user: to.user } };
    return this.credentials.realm(to.host).then((realm) => {
      // A domain we do not serve: nothing to authenticate against.
      if (!realm) {
        res.send(404, 'Domain Not Served', {});
        this.metrics.registrations['domain-not-served'].inc();
        return ANSWERED;
      }
      return { ...c, to, realm, attempt: { source: c.source, realm: realm.realm, user: to.user } };
    });
  }

  /**
   * Digest credentials for the realm on a nonce of ours that is still fresh. Without them the answer
   * is a challenge, from this process alone: the lockouts applied are the ones it knows; Redis is
   * asked once the phone answers the challenge.
   */
  private withCredentials(req: Req, res: Res, c: Addressed): WithCredentials | Answered | Promise<Answered> {
    const { realm, attempt, now } = c;
    if (this.defence.knownLock(c.source, realm.realm, c.to.user, now)) return this.refuseLocked(res, attempt, []).then(() => ANSWERED);
    const header = headerOf(req, 'authorization');
    const params = header ? parseDigestAuthorization(header) : null;
    const creds = params ? toDigestCredentials(params) : 'missing-field';
    if (typeof creds === 'string' || creds.realm !== realm.realm) return this.challenged(res, realm.realm, now, false);
    const nonce = checkNonce(this.config.NONCE_SECRET, realm.realm, creds.nonce, now, this.config.NONCE_TTL_SECONDS * 1000);
    if (nonce.status !== 'valid') return this.challenged(res, realm.realm, now, nonce.status === 'stale');
    return { ...c, creds };
  }

  /** One round trip for the lockouts in Redis, the cached credentials and the phone's bindings. */
  private async admitted(res: Res, c: WithCredentials): Promise<Admitted | Answered> {
    const cacheKey = this.credentials.credentialCacheKey(c.realm.realm, c.creds.username);
    const aorKey = this.location.keys.aor(c.realm.tenantId, c.creds.username);
    const admission = await this.defence.admit(c.attempt, c.now, { get: [cacheKey], hgetall: aorKey });
    const { verdict } = admission;
    if (verdict.kind === 'refuse') {
      await this.refuseLocked(res, c.attempt, admission.notices);
      return ANSWERED;
    }
    this.announce(c.attempt, admission.notices);
    // Its user is under attack and this source is not one it registered from lately: not checked
    // now; a fresh challenge, once the next check may be made, asks the phone to come back.
    if (verdict.kind === 'challenge') {
      await new Promise((r) => setTimeout(r, verdict.delayMs));
      return this.challenged(res, c.realm.realm, Date.now(), true);
    }
    return { ...c, admission };
  }

  /** The password is right, for the user the phone registers, and the request is no replay by its count. */
  private async verified(res: Res, c: Admitted): Promise<Verified | Answered> {
    const { creds, admission, attempt } = c;
    const credential = await this.credentials.find(c.realm, creds.username, admission.cached[0]);
    const ha1 = credential ? (creds.algorithm === 'SHA-256' ? credential.ha1Sha256 : credential.ha1Md5) : undefined;
    const valid = !!ha1 && verifyDigestResponse(creds, 'REGISTER', ha1);
    // Authenticated as someone, but registering another user's address: refused like a bad password.
    if (!credential || !valid || !credential.enabled || creds.username !== c.to.user) {
      await this.failed(res, attempt, admission.ticket, c.now);
      return ANSWERED;
    }
    // The password is right: the attempt is no failure, whatever happens to the request next; once
    // accepted (not a replay), its source is one the phone uses. Neither is waited for.
    const settled = (err: unknown) => this.logger.warn({ err, source: c.source }, 'authentication success not recorded');
    this.defence.succeeded(attempt, admission.ticket).catch(settled);
    const accepted = () => this.defence.trust(attempt, admission.ticket).catch(settled);
    // RFC 7616 replay protection: with qop the nonce-count must go up. It is checked and advanced
    // with the write of the bindings, in the same step; a count that is no hex number is a replay too.
    let nonceCount: NonceCount | undefined;
    if (creds.qop) {
      const value = /^[0-9a-f]{1,8}$/i.test(creds.nc ?? '') ? parseInt(creds.nc ?? '', 16) : NaN;
      if (!(value > 0)) return this.challenged(res, c.realm.realm, c.now, true);
      nonceCount = { nonce: creds.nonce, value };
    }
    const snapshot = admission.hash ? this.location.snapshotFromFields(admission.hash) : undefined;
    return { ...c, credential, accepted, nonceCount, snapshot };
  }

  /** Writes what the REGISTER asks of the bindings (or reads them, for a query) and answers with them all. */
  private async bind(req: Req, res: Res, c: Verified): Promise<void> {
    const { realm, credential, now, snapshot, nonceCount } = c;
    const found = contactChanges(req, now, this.config);
    if ('refusal' in found) {
      this.metrics.registrations.invalid.inc();
      return res.send(found.refusal.status, found.refusal.reason, { headers: found.refusal.headers ?? {} });
    }
    const { changes } = found;

    let result: ApplyResult | undefined;
    let current = snapshot;
    if (changes.length) {
      const counter = nonceCount && { key: this.keys.nonceCount(nonceCount.nonce), value: nonceCount.value, ttlSeconds: this.config.NONCE_TTL_SECONDS };
      try {
        // the registration events go out from the same script, only if the change is written
        const publish = (r: ApplyResult) => this.events.messagesFor(credential, r);
        result = await this.location.apply(realm.tenantId, credential.user, changes, now, snapshot, { counter, publish });
      } catch (e) {
        if (e instanceof OutOfOrderRegister) {
          this.metrics.registrations.error.inc();
          return res.send(500, 'Out Of Order', { headers: { 'Retry-After': '1' } });
        }
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
    this.metrics.registrations.ok.inc();
    c.accepted();
  }

  private challenge(res: Res, realm: string, now: number, stale: boolean): void {
    sendDigestChallenge(res, 'registrar', { realm, secret: this.config.NONCE_SECRET, algorithm: this.config.DIGEST_ALGORITHM, stale, nowMs: now });
    this.metrics.registrations.challenged.inc();
  }

  private challenged(res: Res, realm: string, now: number, stale: boolean): Answered {
    this.challenge(res, realm, now, stale);
    return ANSWERED;
  }

  private async failed(res: Res, attempt: Attempt, ticket: AttemptTicket, now: number): Promise<void> {
    const f = await this.defence.failed(attempt, ticket, now);
    if (f.lock) return this.refuseLocked(res, attempt, f.notices);
    this.announce(attempt, f.notices);
    res.send(403, 'Forbidden', {});
    this.metrics.registrations.refused.inc();
  }

  /** Refuses a locked-out REGISTER; a lock new to this process is logged and announced first. */
  private async refuseLocked(res: Res, attempt: Attempt, notices: Notice[]): Promise<void> {
    this.countLockouts(notices);
    await Promise.all(notices.map((n) => this.events.blocked(attempt, n)));
    this.metrics.registrations.locked.inc();
    // Silence makes a scanner wait for timeouts; 403 is kinder to a misconfigured phone.
    if (this.config.LOCKOUT_SILENT) return;
    res.send(403, 'Forbidden', {});
  }

  /** Logs and announces locks and slow-downs new to this process, without holding up the answer. */
  private announce(attempt: Attempt, notices: Notice[]): void {
    this.countLockouts(notices);
    for (const n of notices) void this.events.blocked(attempt, n);
  }

  private countLockouts(notices: Notice[]): void {
    for (const n of notices) this.metrics.lockouts[n.reason].inc();
  }
}
