/**
 * Every Redis key of the location service, built here and nowhere else.
 * The prefix lets tests (and several deployments on one Redis) keep apart.
 */
export class LocationKeys {
  constructor(private readonly prefix = 'bl:') {}

  /** HASH bindingKey → Binding JSON; expires with its longest-living binding. */
  aor(tenantId: string, user: string): string {
    return `${this.prefix}loc:{${tenantId}:${user}}`;
  }

  /** ZSET of every binding by expiry time, so expirations can be announced. */
  expiryIndex(): string {
    return `${this.prefix}loc:expiry`;
  }

  /**
   * ZSET user → latest expiry of that user's bindings: every registered user of
   * a tenant without scanning. Expires with the tenant's longest-living binding.
   */
  tenantIndex(tenantId: string): string {
    return `${this.prefix}loc:tenant:{${tenantId}}`;
  }

  expiryMember(tenantId: string, user: string, bindingKey: string): string {
    return JSON.stringify([tenantId, user, bindingKey]);
  }

  parseExpiryMember(member: string): { tenantId: string; user: string; bindingKey: string } {
    const [tenantId, user, bindingKey] = JSON.parse(member) as [string, string, string];
    return { tenantId, user, bindingKey };
  }
}
