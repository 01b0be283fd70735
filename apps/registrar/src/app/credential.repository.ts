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

/** How long this process trusts the realm it found for a domain, at most. */
const LOCAL_REALM_SECONDS = 60;
/** Bounds the per-process realm map: a scanner making up domains must not grow it without end. */
const LOCAL_REALM_ENTRIES = 10_000;

/**
 * Credentials by (realm, user), read from Postgres and cached in Redis. The
 * cache is dropped on every extension event from accounts, so a changed or
 * disabled extension takes effect at once; the TTL bounds the damage if an
 * event is ever missed. Realms (tenant by SIP domain) are also kept in the
 * process for up to a minute: every REGISTER needs one before anything else,
 * and a tenant's domain hardly ever changes.
 */
export class CredentialRepository {
  private readonly realms = new Map<string, { value: TenantRealm | null; until: number }>();
  private readonly localRealmMs: number;

  constructor(
    private readonly prisma: PrismaService,
    private readonly sql: Pool,
    private readonly redis: Redis,
    private readonly keys: { credential(realm: string, user: string): string; realm(domain: string): string },
    private readonly ttlSeconds: number,
  ) {
    this.localRealmMs = Math.min(ttlSeconds, LOCAL_REALM_SECONDS) * 1000;
  }

  /** The Redis key `find(realm, user)` reads first. */
  credentialCacheKey(realm: string, user: string): string {
    return this.keys.credential(realm, user);
  }

  /**
   * The realm of `domain` if this process knows it (null: a domain nobody here
   * serves); undefined when `realm(domain)` has to look it up.
   */
  knownRealm(domain: string, now = Date.now()): TenantRealm | null | undefined {
    const e = this.realms.get(domain);
    if (!e) return undefined;
    if (e.until > now) return e.value;
    this.realms.delete(domain);
    return undefined;
  }

  async realm(domain: string): Promise<TenantRealm | null> {
    const known = this.knownRealm(domain);
    if (known !== undefined) return known;
    const key = this.keys.realm(domain);
    const hit = await this.redis.get(key);
    let value: TenantRealm | null;
    if (hit) {
      value = hit === 'none' ? null : (JSON.parse(hit) as TenantRealm);
    } else {
      const t = await this.prisma.tenant.findUnique({ where: { sipDomain: domain }, select: { id: true, sipDomain: true } });
      value = t ? { tenantId: t.id, realm: t.sipDomain } : null;
      await this.redis.set(key, value ? JSON.stringify(value) : 'none', 'EX', this.ttlSeconds);
    }
    if (this.realms.size >= LOCAL_REALM_ENTRIES) this.realms.clear();
    this.realms.set(domain, { value, until: Date.now() + this.localRealmMs });
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
