import type Redis from 'ioredis';
import type { Pool } from 'pg';
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

interface CredentialRow {
  id: string;
  tenant_id: string;
  sip_username: string;
  ha1_md5: string;
  ha1_sha256: string;
  enabled: boolean;
}

const CREDENTIAL_BY_USER = 'SELECT id, tenant_id, sip_username, ha1_md5, ha1_sha256, enabled FROM extensions WHERE tenant_id = $1::uuid AND sip_username = $2';

/**
 * Credentials by (realm, user), read from Postgres and cached in Redis. The
 * cache is dropped on every extension event from accounts, so a changed or
 * disabled extension takes effect at once; the TTL bounds the damage if an
 * event is ever missed.
 */
export class CredentialRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly sql: Pool,
    private readonly redis: Redis,
    private readonly keys: { credential(realm: string, user: string): string; realm(domain: string): string },
    private readonly ttlSeconds: number,
  ) {}

  /** The Redis key `realm(domain)` reads first; a caller may read it ahead (in a batch) and pass the value in. */
  realmCacheKey(domain: string): string {
    return this.keys.realm(domain);
  }

  /** The Redis key `find(realm, user)` reads first. */
  credentialCacheKey(realm: string, user: string): string {
    return this.keys.credential(realm, user);
  }

  /** `cached`: the value of `realmCacheKey(domain)` if the caller already read it (null: not cached). */
  async realm(domain: string, cached?: string | null): Promise<TenantRealm | null> {
    const key = this.keys.realm(domain);
    const hit = cached === undefined ? await this.redis.get(key) : cached;
    if (hit) return hit === 'none' ? null : (JSON.parse(hit) as TenantRealm);
    const t = await this.prisma.tenant.findUnique({ where: { sipDomain: domain }, select: { id: true, sipDomain: true } });
    const value = t ? { tenantId: t.id, realm: t.sipDomain } : null;
    await this.redis.set(key, value ? JSON.stringify(value) : 'none', 'EX', this.ttlSeconds);
    return value;
  }

  /** `cached`: the value of `credentialCacheKey(realm.realm, user)` if the caller already read it. */
  async find(realm: TenantRealm, user: string, cached?: string | null): Promise<SipCredential | null> {
    const key = this.keys.credential(realm.realm, user);
    const hit = cached === undefined ? await this.redis.get(key) : cached;
    if (hit) return hit === 'none' ? null : (JSON.parse(hit) as SipCredential);
    // A prepared statement on the (tenant_id, sip_username) unique index, straight through pg: in production
    // nearly every REGISTER gets here (phones re-register hourly, the cache lives minutes).
    const r = await this.sql.query<CredentialRow>({ name: 'registrar-credential', text: CREDENTIAL_BY_USER, values: [realm.tenantId, user] });
    const e = r.rows[0];
    const value: SipCredential | null = e
      ? { tenantId: e.tenant_id, extensionId: e.id, user: e.sip_username, ha1Md5: e.ha1_md5, ha1Sha256: e.ha1_sha256, enabled: e.enabled }
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
