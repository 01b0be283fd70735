import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { redisOptionsFromUrl } from '@branchline/config';
import { ACCOUNTS_CONFIG, type AccountsConfig } from '../accounts.config';
import { LoginThrottleKeys } from './login-throttle-keys';
import { LocalLoginCounters, type AttemptKeys, type ThrottleLimits } from './login-throttle-local';

// Each write below depends on what the same script just read (a count against
// its limit), which MULTI cannot express; a script is just as atomic.
// KEYS (both scripts): account failures, account lock, address failures, address lock.

// Before a password is checked: refused if the account or the address is
// locked. Otherwise the attempt counts as a failure until it proves otherwise
// (the success script gives it back), so parallel guesses cannot all pass
// the check before the first one is counted. An attempt beyond a limit locks
// that side and is refused; a refused attempt is not counted.
// ARGV: window s, account limit, address limit, lockout s.
// Returns {account lock ms left, address lock ms left, account newly locked, address newly locked}; -2: no lock.
const ADMIT_SCRIPT = `
local acct = redis.call('PTTL', KEYS[2])
local addr = redis.call('PTTL', KEYS[4])
if acct ~= -2 or addr ~= -2 then return {acct, addr, 0, 0} end
local function reserve(failures)
  local n = redis.call('INCR', failures)
  if n == 1 then redis.call('EXPIRE', failures, ARGV[1]) end
  return n
end
local overAcct = reserve(KEYS[1]) > tonumber(ARGV[2])
local overAddr = reserve(KEYS[3]) > tonumber(ARGV[3])
if not (overAcct or overAddr) then return {-2, -2, 0, 0} end
local function settle(over, failures, lock)
  if over then
    redis.call('DEL', failures)
    redis.call('SET', lock, '1', 'EX', ARGV[4])
  else
    redis.call('DECR', failures)
  end
end
settle(overAcct, KEYS[1], KEYS[2])
settle(overAddr, KEYS[3], KEYS[4])
return {redis.call('PTTL', KEYS[2]), redis.call('PTTL', KEYS[4]), overAcct and 1 or 0, overAddr and 1 or 0}
`;

// After the password was checked. A success forgets the account's failures
// and gives the address back the attempt (an address counts failures only; it
// keeps the others, so one good account cannot clear its address). A failure
// stays counted and locks the side whose limit it reached.
// ARGV: 'ok' or 'fail', account limit, address limit, lockout s.
// Returns {account newly locked, address newly locked}.
const SETTLE_SCRIPT = `
if ARGV[1] == 'ok' then
  redis.call('DEL', KEYS[1])
  if tonumber(redis.call('GET', KEYS[3]) or '0') > 0 then redis.call('DECR', KEYS[3]) end
  return {0, 0}
end
local function lockAt(failures, lock, limit)
  if tonumber(redis.call('GET', failures) or '0') >= tonumber(limit) and redis.call('EXISTS', lock) == 0 then
    redis.call('DEL', failures)
    redis.call('SET', lock, '1', 'EX', ARGV[4])
    return 1
  end
  return 0
end
return {lockAt(KEYS[1], KEYS[2], ARGV[2]), lockAt(KEYS[3], KEYS[4], ARGV[3])}
`;

interface ThrottleScripts {
  loginAdmit(...keysAndArgs: Array<string | number>): Promise<[number, number, number, number]>;
  loginSettle(...keysAndArgs: Array<string | number>): Promise<[number, number]>;
}

/** Which sides a lock was set on by this call (worth recording). */
export interface NewLocks {
  account: boolean;
  address: boolean;
}

export type Admission = { admitted: true } | { admitted: false; retryAfterSeconds: number; newLocks: NewLocks };

/** ioredis waits this long at most for Redis before a login falls back to this process's counters. */
const REDIS_COMMAND_TIMEOUT_MS = 1000;

/**
 * Counts failed logins per e-mail address and per client address in Redis,
 * so every accounts replica sees the same counters and locks; the rules are
 * the scripts above. While Redis cannot be reached, the same rules run on
 * this process's memory (LocalLoginCounters): logins stay possible (an admin
 * may need to log in during the outage) and are still throttled, per replica.
 * AuthService decides what to do with the answers.
 */
@Injectable()
export class LoginThrottle implements OnApplicationShutdown {
  private readonly logger = new Logger(LoginThrottle.name);
  private readonly redis: Redis & ThrottleScripts;
  private readonly keys: LoginThrottleKeys;
  private readonly limits: ThrottleLimits;
  private readonly local: LocalLoginCounters;
  private redisDown = false;

  constructor(@Inject(ACCOUNTS_CONFIG) config: AccountsConfig) {
    const redis = new Redis({
      ...redisOptionsFromUrl(config.REDIS_URL),
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    });
    // Failures are handled per command (either() below); without a listener ioredis prints each reconnect error.
    redis.on('error', () => undefined);
    redis.defineCommand('loginAdmit', { numberOfKeys: 4, lua: ADMIT_SCRIPT });
    redis.defineCommand('loginSettle', { numberOfKeys: 4, lua: SETTLE_SCRIPT });
    this.redis = redis as Redis & ThrottleScripts;
    this.keys = new LoginThrottleKeys(config.REDIS_PREFIX);
    this.limits = {
      windowSeconds: config.LOGIN_WINDOW_SECONDS,
      accountLimit: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      addressLimit: config.LOGIN_MAX_FAILURES_PER_ADDRESS,
      lockoutSeconds: config.LOGIN_LOCKOUT_SECONDS,
    };
    this.local = new LocalLoginCounters(this.limits);
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }

  get lockoutSeconds(): number {
    return this.limits.lockoutSeconds;
  }

  /** The failures that lock an account. */
  get accountLimit(): number {
    return this.limits.accountLimit;
  }

  /** Whether a login attempt may have its password checked; counts it. */
  async admit(email: string, address: string): Promise<Admission> {
    const l = this.limits;
    const keys = this.keysFor(email, address);
    const [acct, addr, newAcct, newAddr] = await this.either(
      () => this.redis.loginAdmit(...keys, l.windowSeconds, l.accountLimit, l.addressLimit, l.lockoutSeconds),
      () => this.local.admit(keys, Date.now()),
    );
    if (acct === -2 && addr === -2) return { admitted: true };
    // PTTL -1: a lock without expiry (set by hand); tell the client the configured lockout.
    const leftMs = Math.max(...[acct, addr].map((ms) => (ms === -1 ? l.lockoutSeconds * 1000 : ms)));
    return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil(leftMs / 1000)), newLocks: { account: newAcct === 1, address: newAddr === 1 } };
  }

  /** Records how an admitted attempt ended; returns the locks its failure set. */
  async settle(email: string, address: string, ok: boolean): Promise<NewLocks> {
    const l = this.limits;
    const keys = this.keysFor(email, address);
    const [acct, addr] = await this.either(
      () => this.redis.loginSettle(...keys, ok ? 'ok' : 'fail', l.accountLimit, l.addressLimit, l.lockoutSeconds),
      () => this.local.settle(keys, ok, Date.now()),
    );
    return { account: acct === 1, address: addr === 1 };
  }

  private keysFor(email: string, address: string): AttemptKeys {
    return [this.keys.accountFailures(email), this.keys.accountLock(email), this.keys.addressFailures(address), this.keys.addressLock(address)];
  }

  private async either<T>(shared: () => Promise<T>, local: () => T): Promise<T> {
    try {
      const answer = await shared();
      if (this.redisDown) this.logger.log('Login throttle: Redis is back; counting in Redis again');
      this.redisDown = false;
      return answer;
    } catch (e) {
      if (!this.redisDown) this.logger.error(`Login throttle: Redis failed (${(e as Error).message}); counting in this process until it is back`);
      this.redisDown = true;
      return local();
    }
  }
}
