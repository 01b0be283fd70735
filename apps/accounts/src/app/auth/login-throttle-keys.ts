/** Every Redis key of the login throttle, built here only. Each is written with a TTL. */
export class LoginThrottleKeys {
  constructor(private readonly prefix: string) {}

  /** Failed logins for an e-mail address (known or not, so the answers cannot tell them apart). */
  accountFailures(email: string): string {
    return `${this.prefix}acc:login:fail:acct:${email}`;
  }
  accountLock(email: string): string {
    return `${this.prefix}acc:login:lock:acct:${email}`;
  }
  addressFailures(address: string): string {
    return `${this.prefix}acc:login:fail:addr:${address}`;
  }
  addressLock(address: string): string {
    return `${this.prefix}acc:login:lock:addr:${address}`;
  }
}
