import type Redis from 'ioredis';
import type { SipAuthBlockReason } from '@branchline/contracts';
import { KnownLocks, type KnownKind } from './known-locks';
import {
  blockReason,
  decideAdmission,
  decideFailure,
  decideSlot,
  trustNeedsRefresh,
  type AttemptRead,
  type ReservedCounts,
  type LockKind,
  type LockoutPolicy,
} from './lockout-policy';
import type { SipDefenceKeys } from './sip-defence-keys';

// The scripts keep the counts; what the counts mean is decided in lockout-policy.ts. Each is atomic,
// so that an attempt is counted in the same step that reads the locks in its way.

// Reads what stands in the way of an attempt and, when nothing does and the source is not trusted
// for the user, counts it as a failure of the user, from this source and from anywhere, up front (a
// success gives it back): parallel guesses cannot all pass before the first is counted. Also reads
// cache entries and a hash the caller names, to save it a round trip of its own.
// KEYS: source lock, user-source lock, slow-down, trust, user-source failures, user failures,
//       cache keys..., [hash].
// ARGV: number of cache keys, window seconds.
// Returns {PTTL of the four, the two counts (0: not counted), cached values..., [hash fields]}.
const ADMIT_SCRIPT = `
local out = {redis.call('PTTL', KEYS[1]), redis.call('PTTL', KEYS[2]), redis.call('PTTL', KEYS[3]), redis.call('PTTL', KEYS[4]), 0, 0}
if out[1] == -2 and out[2] == -2 and out[4] == -2 then
  for i = 5, 6 do
    local n = redis.call('INCR', KEYS[i])
    if n == 1 then redis.call('EXPIRE', KEYS[i], ARGV[2]) end
    out[i] = n
  end
end
local nCached = tonumber(ARGV[1])
for i = 1, nCached do out[6 + i] = redis.call('GET', KEYS[6 + i]) end
if KEYS[7 + nCached] then out[7 + nCached] = redis.call('HGETALL', KEYS[7 + nCached]) end
return out
`;

// Counts a failure: per source always; per user from the source and from anywhere unless the
// attempt was counted so up front (ARGV[2] = 0). One that raced past a lock set meanwhile (a guess
// in flight when it fell) counts no further and reports the lock.
// KEYS: source lock, user-source lock, source failures, user-source failures, user failures.
// ARGV: window seconds, count the user's failures too (1/0).
// Returns {0, 0, source count, user-source count, user count (0, 0 when not counted here)},
// or {1 (source) | 2 (user-source), PTTL of that lock}.
const COUNT_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return {1, redis.call('PTTL', KEYS[1])} end
if redis.call('EXISTS', KEYS[2]) == 1 then return {2, redis.call('PTTL', KEYS[2])} end
local out = {0, 0, 0, 0, 0}
local last = ARGV[2] == '1' and 5 or 3
for i = 3, last do
  local n = redis.call('INCR', KEYS[i])
  if n == 1 then redis.call('EXPIRE', KEYS[i], ARGV[1]) end
  out[i] = n
end
return out
`;

// Gives an attempt counted up front back to the user's two counts (it was no failure, or it was
// not checked), never below zero, and sets what the policy decided.
// KEYS: user-source failures, user failures, source lock, user-source lock, slow-down, trust.
// ARGV: give back (1/0), lock to set ('source', 'user-source' or ''), set the slow-down (1/0),
//       lockout seconds, set the trust (1/0), trust seconds.
const SETTLE_SCRIPT = `
if ARGV[1] == '1' then
  for i = 1, 2 do
    if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then redis.call('DECR', KEYS[i]) end
  end
end
if ARGV[2] == 'source' then redis.call('SET', KEYS[3], '1', 'EX', ARGV[4]) end
if ARGV[2] == 'user-source' then redis.call('SET', KEYS[4], '1', 'EX', ARGV[4]) end
if ARGV[3] == '1' then redis.call('SET', KEYS[5], '1', 'EX', ARGV[4]) end
if ARGV[5] == '1' then redis.call('SET', KEYS[6], '1', 'EX', ARGV[6]) end
return 0
`;

// Takes a slowed-down user's check slot for one interval; held by another check, it gives the
// attempt back to the counts (it will not be checked) and returns how long the slot is still held.
// KEYS: check slot, slow-down, user-source failures, user failures.
// ARGV: interval ms, start the slow-down (1/0), lockout seconds.
// Returns -2 when the slot was taken by this call, else its PTTL.
const SLOT_SCRIPT = `
if ARGV[2] == '1' then redis.call('SET', KEYS[2], '1', 'EX', ARGV[3]) end
if redis.call('SET', KEYS[1], '1', 'PX', ARGV[1], 'NX') then return -2 end
for i = 3, 4 do
  if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then redis.call('DECR', KEYS[i]) end
end
return redis.call('PTTL', KEYS[1])
`;

/**
 * The scripts as commands of the client (ioredis `defineCommand`): sent by SHA1 (EVALSHA), in full
 * only the first time on a connection or after Redis lost them (restart, SCRIPT FLUSH).
 */
interface DefenceScripts {
  sipDefenceAdmit(numberOfKeys: number, ...keysAndArgs: Array<string | number>): Promise<[number, number, number, number, number, number, ...Array<string | string[] | null>]>;
  sipDefenceCount(...keysAndArgs: Array<string | number>): Promise<number[]>;
  sipDefenceSettle(...keysAndArgs: Array<string | number>): Promise<number>;
  sipDefenceSlot(...keysAndArgs: Array<string | number>): Promise<number>;
}

/** One authentication attempt: who it claims to be, from where. */
export interface Attempt {
  source: string;
  realm: string;
  user: string;
}

/** A lock or slow-down this process had not met before: worth a log line and an event. */
export interface Notice {
  reason: SipAuthBlockReason;
  /** When it runs out, as Redis holds it. */
  untilMs: number;
}

export type Verdict =
  /** Refused before its password is checked (403 before any challenge, for a known lock). */
  | { kind: 'refuse'; lock: LockKind }
  /** Check the password; then call failed() or succeeded() (and trust()) with the admission's ticket. */
  | { kind: 'check' }
  /** Not checked and not counted: answer with a fresh challenge (stale=true), after `delayMs`. */
  | { kind: 'challenge'; delayMs: number };

/** How an admitted attempt was counted: failed() and succeeded() need it back. */
export interface AttemptTicket {
  reserved: ReservedCounts | null;
  trustMs: number | null;
}

export interface Admission {
  verdict: Verdict;
  notices: Notice[];
  ticket: AttemptTicket;
  /** The cache entries asked for, in order; null where there is none. */
  cached: Array<string | null>;
  /** The hash asked for, as HGETALL field/value pairs (empty when it does not exist); null when none was asked for. */
  hash: string[] | null;
}

export interface Failure {
  /** The lock the failure set off (or raced into); the attempt is then answered as a locked one. */
  lock: LockKind | null;
  notices: Notice[];
}

/**
 * How long a lock seen in Redis is applied here without asking Redis again
 * (at most; never beyond the lock itself): how late a lock removed in Redis by
 * hand stops being applied to unauthenticated requests, and how often a lock is
 * announced again by the same process.
 */
export const KNOWN_LOCK_HOLD_MS = 30_000;
/** Bounds the known locks: a scanner cycling through addresses must not grow them without end. */
const KNOWN_LOCK_ENTRIES = 100_000;

/**
 * The brute-force defence of SIP digest authentication over Redis, shared by
 * every registrar and routing replica (REGISTER and INVITE count and lock
 * together). Call admit() before checking a password, then failed() or
 * succeeded(), and trust() once the request is accepted. Requests without
 * credentials (the first half of every exchange, most of what a scanner sends)
 * are answered from this process alone: knownLock() applies the locks it has
 * met in Redis.
 */
export class SipDefence {
  private readonly scripts: DefenceScripts;
  private readonly known = new KnownLocks(KNOWN_LOCK_HOLD_MS, KNOWN_LOCK_ENTRIES);

  constructor(
    redis: Redis,
    private readonly keys: SipDefenceKeys,
    readonly policy: LockoutPolicy,
  ) {
    // ADMIT takes a varying number of keys, so the count goes with each call.
    redis.defineCommand('sipDefenceAdmit', { lua: ADMIT_SCRIPT });
    redis.defineCommand('sipDefenceCount', { numberOfKeys: 5, lua: COUNT_SCRIPT });
    redis.defineCommand('sipDefenceSettle', { numberOfKeys: 6, lua: SETTLE_SCRIPT });
    redis.defineCommand('sipDefenceSlot', { numberOfKeys: 4, lua: SLOT_SCRIPT });
    this.scripts = redis as Redis & DefenceScripts;
  }

  /** A lock this process knows of for the source, or for the user (when known) from the source, without asking Redis. */
  knownLock(source: string, realm: string, user: string | null, nowMs: number): LockKind | null {
    return this.known.find(source, realm, user, nowMs);
  }

  /**
   * Whether an attempt with credentials may have its password checked, from what Redis holds
   * (one round trip; two while its user is slowed down and the source is not trusted), with the
   * given cache keys and hash read in the same round trip.
   */
  async admit(a: Attempt, nowMs: number, also: { get?: string[]; hgetall?: string } = {}): Promise<Admission> {
    const k = this.keys;
    const get = also.get ?? [];
    const keys = [
      k.lockSource(a.source),
      k.lockUserSource(a.realm, a.user, a.source),
      k.slowdown(a.realm, a.user),
      k.trusted(a.realm, a.user, a.source),
      ...this.userFailureKeys(a),
      ...get,
    ];
    if (also.hgetall) keys.push(also.hgetall);
    const [src, pair, slow, trust, nPair, nUser, ...rest] = await this.scripts.sipDefenceAdmit(keys.length, ...keys, get.length, this.policy.windowSeconds);
    const read: AttemptRead = {
      sourceLockMs: held(src),
      userSourceLockMs: held(pair),
      slowdownMs: held(slow),
      trustMs: trust === -2 ? null : trust === -1 ? this.policy.trustSeconds * 1000 : trust,
      reserved: nPair > 0 ? { userSource: nPair, user: nUser } : null,
    };
    const notices: Notice[] = [];
    if (read.slowdownMs !== null) this.learn('slowdown', a, read.slowdownMs, nowMs, notices);
    const ticket: AttemptTicket = { reserved: read.reserved, trustMs: read.trustMs };
    const out = { notices, ticket, cached: get.map((_, i) => (rest[i] as string | null) ?? null), hash: also.hgetall ? ((rest[get.length] as string[] | undefined) ?? []) : null };

    const decision = decideAdmission(read, this.policy);
    if (decision.kind === 'refuse') {
      // One guess too many, in flight with others: it sets the lock off and is not counted itself.
      if (decision.tripped) await this.settle(a, { giveBack: true, lock: decision.lock });
      this.learn(decision.lock, a, decision.remainingMs, nowMs, notices);
      return { ...out, verdict: { kind: 'refuse', lock: decision.lock } };
    }
    if (decision.kind === 'check') return { ...out, verdict: { kind: 'check' } };
    if (decision.startsSlowdown) this.learn('slowdown', a, this.policy.lockoutSeconds * 1000, nowMs, notices);
    const slot = await this.scripts.sipDefenceSlot(
      k.checkSlot(a.realm, a.user),
      k.slowdown(a.realm, a.user),
      ...this.userFailureKeys(a),
      this.policy.slowdownIntervalMs,
      decision.startsSlowdown ? 1 : 0,
      this.policy.lockoutSeconds,
    );
    const next = decideSlot(slot === -2 ? null : slot === -1 ? this.policy.slowdownIntervalMs : slot, this.policy);
    // An attempt that is not checked was given back to the counts by the slot script.
    if (next.kind === 'challenge') return { ...out, ticket: { ...ticket, reserved: null }, verdict: next };
    return { ...out, verdict: next };
  }

  /** Records a failed authentication of an admitted attempt; returns the lock it set off (or raced into), if any. */
  async failed(a: Attempt, ticket: AttemptTicket, nowMs: number): Promise<Failure> {
    const notices: Notice[] = [];
    const [raced, left, nSrc, nPair, nUser] = await this.scripts.sipDefenceCount(
      this.keys.lockSource(a.source),
      this.keys.lockUserSource(a.realm, a.user, a.source),
      this.keys.failuresBySource(a.source),
      ...this.userFailureKeys(a),
      this.policy.windowSeconds,
      ticket.reserved ? 0 : 1,
    );
    const raceLock: LockKind | null = raced === 1 ? 'source' : raced === 2 ? 'user-source' : null;
    if (raceLock) this.learn(raceLock, a, held(left) ?? 0, nowMs, notices);
    // An attempt counted up front holds its place in the user's counts already (and still does
    // when a lock raced it: its failure may be the one that slows the user down).
    if (raceLock && !ticket.reserved) return { lock: raceLock, notices };
    const counts = { source: nSrc, ...(ticket.reserved ?? { userSource: nPair, user: nUser }) };
    const decided = decideFailure(counts, this.policy);
    const outcome = raceLock ? { lock: null, slowdown: decided.slowdown } : decided;
    if (outcome.lock || outcome.slowdown) {
      await this.settle(a, { lock: outcome.lock, slowdown: outcome.slowdown });
      const lockMs = this.policy.lockoutSeconds * 1000;
      if (outcome.lock) this.learn(outcome.lock, a, lockMs, nowMs, notices);
      if (outcome.slowdown) this.learn('slowdown', a, lockMs, nowMs, notices);
    }
    return { lock: raceLock ?? outcome.lock, notices };
  }

  /**
   * Records a correct password: an attempt counted up front is given back. Then, once the request
   * is accepted (not a replay: its nonce-count was new), trust() it. Neither need be waited for.
   */
  async succeeded(a: Attempt, ticket: AttemptTicket): Promise<void> {
    if (ticket.reserved) await this.settle(a, { giveBack: true });
  }

  /**
   * Makes (or keeps) the source trusted for the user, after an accepted request: spared the
   * user's slow-down. Written only when the trust is missing or half gone, so the steady state of
   * a phone's refreshes and calls writes nothing.
   */
  async trust(a: Attempt, ticket: AttemptTicket): Promise<void> {
    if (trustNeedsRefresh(ticket.trustMs, this.policy)) await this.settle(a, { trust: true });
  }

  private settle(a: Attempt, o: { giveBack?: boolean; lock?: LockKind | null; slowdown?: boolean; trust?: boolean }): Promise<number> {
    const k = this.keys;
    return this.scripts.sipDefenceSettle(
      ...this.userFailureKeys(a),
      k.lockSource(a.source),
      k.lockUserSource(a.realm, a.user, a.source),
      k.slowdown(a.realm, a.user),
      k.trusted(a.realm, a.user, a.source),
      o.giveBack ? 1 : 0,
      o.lock ?? '',
      o.slowdown ? 1 : 0,
      this.policy.lockoutSeconds,
      o.trust ? 1 : 0,
      this.policy.trustSeconds,
    );
  }

  /** The counts an untrusted attempt is counted in up front: its user's, from its source and from anywhere. */
  private userFailureKeys(a: Attempt): [string, string] {
    return [this.keys.failuresByUserSource(a.realm, a.user, a.source), this.keys.failuresByUser(a.realm, a.user)];
  }

  /** Remembers a lock or slow-down met in Redis; one this process had not met yet becomes a notice. */
  private learn(kind: KnownKind, a: Attempt, remainingMs: number, nowMs: number, notices: Notice[]): void {
    if (this.known.remember(kind, a.source, a.realm, a.user, remainingMs, nowMs)) notices.push({ reason: blockReason(kind), untilMs: nowMs + remainingMs });
  }
}

/** A PTTL as milliseconds left: null when the key does not exist; one set without expiry (by hand) is held as long as any known lock. */
function held(pttl: number): number | null {
  return pttl === -2 ? null : pttl === -1 ? KNOWN_LOCK_HOLD_MS : pttl;
}
