import { Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Events } from '@branchline/contracts';
import { hashApiKey, verifyPassword } from '@branchline/secrets';
import type { Role } from '@branchline/db';
import { MutationService } from '../audit/mutation.service';
import { TooManyRequestsError, UnauthorizedError } from '../common/errors';
import { AuthRepository } from './auth.repository';
import { LoginThrottle, type NewLocks } from './login-throttle';
import type { Principal } from './principal';

interface TokenClaims {
  sub: string;
  tid: string;
  role: Role;
}

// Verifying against a fixed hash when the user does not exist keeps the
// response time the same, so login cannot be used to discover e-mail addresses.
const DUMMY_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

const API_KEY_TOUCH_INTERVAL_MS = 60_000;

/** Who the audit log names for a lockout: the throttle, not the (unauthenticated) caller. */
const THROTTLE_ACTOR = { type: 'SYSTEM', id: null, label: 'login-throttle' } as const;

export interface LoginAttempt {
  email: string;
  password: string;
  /** The client address as the app's proxy settings see it (Express req.ip). */
  address: string;
  requestId?: string;
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly repo: AuthRepository,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
    private readonly mutations: MutationService,
  ) {}

  /**
   * A locked account or client address is refused (429) before its password
   * is looked at, the right one too: otherwise guessing would go on behind the
   * lock. Known and unknown e-mail addresses are counted alike, so the answers
   * never tell which exist.
   */
  async login(attempt: LoginAttempt): Promise<{ accessToken: string; tokenType: 'Bearer'; expiresIn: number }> {
    const email = attempt.email.toLowerCase();
    const admission = await this.throttle.admit(email, attempt.address);
    if (!admission.admitted) {
      await this.recordLocks(attempt, email, admission.newLocks);
      throw new TooManyRequestsError(
        `Too many failed logins for this account or from this address; try again in ${admission.retryAfterSeconds} s`,
        admission.retryAfterSeconds,
      );
    }
    const user = await this.repo.findUserByEmail(email);
    const ok = await verifyPassword(attempt.password, user?.passwordHash ?? DUMMY_HASH);
    const accepted = !!user && ok && user.enabled;
    await this.recordLocks(attempt, email, await this.throttle.settle(email, attempt.address, accepted));
    if (!user || !accepted) throw new UnauthorizedError('E-mail or password is wrong');
    await this.repo.touchLogin(user.tenantId, user.id);
    const claims: TokenClaims = { sub: user.id, tid: user.tenantId, role: user.role };
    const accessToken = await this.jwt.signAsync(claims);
    const { exp, iat } = this.jwt.decode<{ exp: number; iat: number }>(accessToken);
    return { accessToken, tokenType: 'Bearer', expiresIn: exp - iat };
  }

  /**
   * A new account lock goes into the tenant's audit log (and out as
   * user.locked-out) when the e-mail address is a user's; an address lock has
   * no tenant, so it is logged.
   */
  private async recordLocks(attempt: LoginAttempt, email: string, locks: NewLocks): Promise<void> {
    const lockedForSeconds = this.throttle.lockoutSeconds;
    if (locks.address) this.logger.warn(`Login throttle: client address ${attempt.address} locked out for ${lockedForSeconds} s`);
    if (!locks.account) return;
    const user = await this.repo.findUserByEmail(email);
    if (!user) {
      this.logger.warn(`Login throttle: unknown e-mail address locked out for ${lockedForSeconds} s (last try from ${attempt.address})`);
      return;
    }
    const principal: Principal = { tenantId: user.tenantId, role: user.role, siteIds: null, actor: THROTTLE_ACTOR };
    await this.mutations.run({ principal, requestId: attempt.requestId }, async () => ({
      result: undefined,
      changes: [
        {
          action: Events.UserLockedOut,
          entityType: 'user',
          entityId: user.id,
          before: null,
          after: {
            email: user.email,
            address: attempt.address,
            failures: this.throttle.accountLimit,
            lockedForSeconds,
            lockedUntil: new Date(Date.now() + lockedForSeconds * 1000).toISOString(),
          },
        },
      ],
    }));
  }

  /** Resolves a bearer JWT. The user is re-read so disabling or demoting takes effect at once. */
  async principalFromJwt(token: string): Promise<Principal> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw new UnauthorizedError('The access token is invalid or expired');
    }
    const user = await this.repo.findUserForToken(claims.tid, claims.sub);
    if (!user || !user.enabled) throw new UnauthorizedError('The user no longer exists or is disabled');
    return {
      tenantId: user.tenantId,
      role: user.role,
      siteIds: user.role === 'SITE_ADMIN' ? user.sites.map((s) => s.siteId) : null,
      actor: { type: 'USER', id: user.id, label: user.email },
    };
  }

  async principalFromApiKey(key: string): Promise<Principal> {
    const apiKey = await this.repo.findApiKeyByHash(hashApiKey(key));
    const now = Date.now();
    if (!apiKey || apiKey.revokedAt || (apiKey.expiresAt && apiKey.expiresAt.getTime() <= now)) {
      throw new UnauthorizedError('The API key is invalid, revoked or expired');
    }
    if (!apiKey.lastUsedAt || now - apiKey.lastUsedAt.getTime() > API_KEY_TOUCH_INTERVAL_MS) {
      await this.repo.touchApiKey(apiKey.tenantId, apiKey.id);
    }
    return {
      tenantId: apiKey.tenantId,
      role: apiKey.role,
      siteIds: apiKey.role === 'SITE_ADMIN' ? apiKey.sites.map((s) => s.siteId) : null,
      actor: { type: 'API_KEY', id: apiKey.id, label: `api-key:${apiKey.name}` },
    };
  }
}
