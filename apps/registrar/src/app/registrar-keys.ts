/**
 * Every Redis key the registrar writes (besides the location service's and the brute-force
 * defence's, libs/sip-defence), built here only. All carry TTLs.
 */
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
}
