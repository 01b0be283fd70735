/** Every Redis key the registrar writes (besides the location service's), built here only. All carry TTLs. */
export class RegistrarKeys {
  constructor(private readonly prefix: string) {}

  credential(realm: string, user: string): string {
    return `${this.prefix}reg:cred:${realm}:${user}`;
  }
  realm(domain: string): string {
    return `${this.prefix}reg:realm:${domain}`;
  }
  /** Highest nonce-count seen for a nonce (replay protection). */
  nonceCount(nonce: string): string {
    return `${this.prefix}reg:nc:${nonce}`;
  }
  failuresBySource(address: string): string {
    return `${this.prefix}reg:fail:src:${address}`;
  }
  failuresByUser(realm: string, user: string): string {
    return `${this.prefix}reg:fail:user:${realm}:${user}`;
  }
  lockSource(address: string): string {
    return `${this.prefix}reg:lock:src:${address}`;
  }
  lockUser(realm: string, user: string): string {
    return `${this.prefix}reg:lock:user:${realm}:${user}`;
  }
}
