/**
 * Every Redis key of the SIP brute-force defence, built here only; the registrar
 * and routing build them with the same prefix (their REDIS_PREFIX, which must be
 * equal), so they count and lock together. All carry TTLs.
 *
 * The user part is percent-encoded (a digit string stays as it is): a user name
 * is the one part an attacker chooses, and encoded it cannot contain the `:`
 * that separates it from the address (IPv6 addresses contain `:` themselves).
 */
export class SipDefenceKeys {
  constructor(private readonly prefix: string) {}

  /** Failed authentications from a source address (window TTL). */
  failuresBySource(address: string): string {
    return `${this.prefix}auth:fail:src:${address}`;
  }
  /** Failed authentications of one user from one source address (window TTL). */
  failuresByUserSource(realm: string, user: string, address: string): string {
    return `${this.prefix}auth:fail:pair:${realm}:${encodeURIComponent(user)}:${address}`;
  }
  /** Failed authentications of one user from anywhere (window TTL). */
  failuresByUser(realm: string, user: string): string {
    return `${this.prefix}auth:fail:user:${realm}:${encodeURIComponent(user)}`;
  }
  /** A source locked out (lockout TTL). */
  lockSource(address: string): string {
    return `${this.prefix}auth:lock:src:${address}`;
  }
  /** A user locked out at one source address (lockout TTL). */
  lockUserSource(realm: string, user: string, address: string): string {
    return `${this.prefix}auth:lock:pair:${realm}:${encodeURIComponent(user)}:${address}`;
  }
  /** A user under attack: untrusted sources are checked at a limited rate (lockout TTL from its last failure). */
  slowdown(realm: string, user: string): string {
    return `${this.prefix}auth:slow:user:${realm}:${encodeURIComponent(user)}`;
  }
  /** Held while an untrusted source's check of a slowed-down user is allowed (slow-down interval TTL). */
  checkSlot(realm: string, user: string): string {
    return `${this.prefix}auth:slot:user:${realm}:${encodeURIComponent(user)}`;
  }
  /** A source that authenticated as a user correctly, recently (trust TTL). */
  trusted(realm: string, user: string, address: string): string {
    return `${this.prefix}auth:ok:${realm}:${encodeURIComponent(user)}:${address}`;
  }
}
