import type Redis from 'ioredis';
import type { PrismaService } from '@branchline/db';

/** What the registrar needs to authenticate a phone; never the password itself. */
export interface SipCredential {
  tenantId: string;
  extensionId: string;
  user: string;
  ha1Md5: string;
  ha1Sha256: string;
  enabled: boolean;
}

export interface TenantRealm {
  tenantId: string;
  realm: string;
}

/**
 * Credentials by (realm, user), read from Postgres and cached in Redis. The
 * cache is dropped on every extension event from accounts, so a changed or
 * disabled extension takes effect at once; the TTL bounds the damage if an
 * event is ever missed.
 */
export class CredentialRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly redis: Redis,
    private readonly keys: { credential(realm: string, user: string): string; realm(domain: string): string },
    private readonly ttlSeconds: number,
  ) {}

  async realm(domain: string): Promise<TenantRealm | null> {
    const key = this.keys.realm(domain);
    const cached = await this.redis.get(key);
    if (cached) return cached === 'none' ? null : (JSON.parse(cached) as TenantRealm);
    const t = await this.prisma.tenant.findUnique({ where: { sipDomain: domain }, select: { id: true, sipDomain: true } });
    const value = t ? { tenantId: t.id, realm: t.sipDomain } : null;
    await this.redis.set(key, value ? JSON.stringify(value) : 'none', 'EX', this.ttlSeconds);
    return value;
  }

  async find(realm: TenantRealm, user: string): Promise<SipCredential | null> {
    const key = this.keys.credential(realm.realm, user);
    const cached = await this.redis.get(key);
    if (cached) return cached === 'none' ? null : (JSON.parse(cached) as SipCredential);
    const e = await this.prisma.extension.findUnique({
      where: { tenantId_sipUsername: { tenantId: realm.tenantId, sipUsername: user } },
      select: { id: true, tenantId: true, sipUsername: true, ha1Md5: true, ha1Sha256: true, enabled: true },
    });
    const value: SipCredential | null = e
      ? { tenantId: e.tenantId, extensionId: e.id, user: e.sipUsername, ha1Md5: e.ha1Md5, ha1Sha256: e.ha1Sha256, enabled: e.enabled }
      : null;
    // Unknown users are cached too ("none"), so a scanner cannot make every guess a database query.
    await this.redis.set(key, value ? JSON.stringify(value) : 'none', 'EX', this.ttlSeconds);
    return value;
  }

  async forget(realm: string, user: string): Promise<void> {
    await this.redis.del(this.keys.credential(realm, user));
  }

  async realmOfTenant(tenantId: string): Promise<string | null> {
    const t = await this.prisma.tenant.findUnique({ where: { id: tenantId }, select: { sipDomain: true } });
    return t?.sipDomain ?? null;
  }

  async extensionIds(tenantId: string, users: string[]): Promise<Map<string, string>> {
    const rows = await this.prisma.extension.findMany({ where: { tenantId, sipUsername: { in: users } }, select: { id: true, sipUsername: true } });
    return new Map(rows.map((r) => [r.sipUsername, r.id]));
  }
}
