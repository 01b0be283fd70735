import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { hashApiKey, verifyPassword } from '@branchline/secrets';
import type { Role } from '@branchline/db';
import { UnauthorizedError } from '../common/errors';
import { AuthRepository } from './auth.repository';
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

@Injectable()
export class AuthService {
  constructor(
    private readonly repo: AuthRepository,
    private readonly jwt: JwtService,
  ) {}

  async login(email: string, password: string): Promise<{ accessToken: string; tokenType: 'Bearer'; expiresIn: number }> {
    const user = await this.repo.findUserByEmail(email);
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.enabled) throw new UnauthorizedError('E-mail or password is wrong');
    await this.repo.touchLogin(user.tenantId, user.id);
    const claims: TokenClaims = { sub: user.id, tid: user.tenantId, role: user.role };
    const accessToken = await this.jwt.signAsync(claims);
    const { exp, iat } = this.jwt.decode<{ exp: number; iat: number }>(accessToken);
    return { accessToken, tokenType: 'Bearer', expiresIn: exp - iat };
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
