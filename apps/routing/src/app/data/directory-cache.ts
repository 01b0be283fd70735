import { Events } from '@branchline/contracts';

/**
 * Every event accounts publishes after changing what routing reads from the
 * directory (tenants, sites, extensions, gateways, rate decks, routes, DIDs,
 * conference rooms). Any of them empties the cache.
 */
export const DIRECTORY_EVENTS: string[] = [
  Events.TenantCreated, Events.TenantUpdated, Events.TenantDeleted,
  Events.SiteCreated, Events.SiteUpdated, Events.SiteDeleted,
  Events.ExtensionCreated, Events.ExtensionUpdated, Events.ExtensionDeleted, Events.ExtensionPasswordReset, Events.ExtensionsImported,
  Events.GatewayCreated, Events.GatewayUpdated, Events.GatewayDeleted,
  Events.RateDeckCreated, Events.RateDeckUpdated, Events.RateDeckDeleted,
  Events.RateCreated, Events.RateUpdated, Events.RateDeleted,
  Events.RouteCreated, Events.RouteUpdated, Events.RouteDeleted,
  Events.DidCreated, Events.DidUpdated, Events.DidDeleted,
  Events.ConferenceRoomCreated, Events.ConferenceRoomUpdated, Events.ConferenceRoomDeleted,
];

/**
 * A read-through cache of directory lookups in this process's memory, so a
 * call does not cost a Postgres query per fact (realm, caller, callee,
 * gateways, routes, DIDs). Entries live `ttlMs` at most; accounts' change
 * events empty it at once (`clear`), so the TTL only bounds staleness when an
 * event is missed (e.g. while Redis was unreachable). A TTL of 0 disables it.
 *
 * The cache holds the lookup's promise, so concurrent calls for the same key
 * share one query; a failed lookup is not kept. Oldest entries are dropped
 * beyond `maxEntries`.
 */
export class DirectoryCache {
  private readonly entries = new Map<string, { value: Promise<unknown>; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return load();
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) return hit.value as Promise<T>;
    if (hit) this.entries.delete(key);
    const value = load();
    this.entries.set(key, { value, expiresAt: now + this.ttlMs });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    if (this.entries.size > this.maxEntries) {
      // a Map iterates in insertion order: the first key is the oldest
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return value;
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
