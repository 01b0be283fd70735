import type { SipAuthBlockReason } from '@branchline/contracts';

/**
 * The brute-force defence of SIP digest authentication, as rules over numbers:
 * what an attempt may do given the failures counted so far and what a failure
 * sets off. Pure: the same rules serve REGISTER (registrar) and INVITE
 * (routing), and `sip-defence.ts` keeps the numbers in Redis.
 *
 * Failures are counted three ways within a window: per source address, per
 * (user, source) pair, per user. Too many from a source lock the source out;
 * too many for a user from one source lock that pair out; too many for a user
 * from anywhere do not lock the user out (that would hand any attacker a way to
 * shut a phone out from two addresses): they slow the user's checks down for
 * sources that have not authenticated as it recently, and a source that has
 * (the phone's own) keeps working as before.
 */
export interface LockoutPolicy {
  /** Failures for one user from one source that lock that pair out. */
  userSourceThreshold: number;
  /** Failures from one source, whatever the users, that lock the source out. */
  sourceThreshold: number;
  /** Failures for one user from anywhere that start its slow-down. */
  userThreshold: number;
  /** The window the failures are counted in (from the first one). */
  windowSeconds: number;
  /** How long a lock, and a slow-down since its last failure, lasts. */
  lockoutSeconds: number;
  /** How long a correct authentication from a source keeps that source trusted for the user. */
  trustSeconds: number;
  /** While a user is slowed down, its password is checked at most once per this interval for untrusted sources. */
  slowdownIntervalMs: number;
}

/** A lockout: of a source address (every user), or of one user from one source. */
export type LockKind = 'source' | 'user-source';

/** A failed attempt's place in each failure count: the failures before it plus itself. */
export interface FailureCounts {
  source: number;
  userSource: number;
  user: number;
}

/** The counts an untrusted attempt holds a place in while its password is checked. */
export interface ReservedCounts {
  userSource: number;
  user: number;
}

/** What the store read for an attempt, in milliseconds left (null: not set). */
export interface AttemptRead {
  sourceLockMs: number | null;
  userSourceLockMs: number | null;
  slowdownMs: number | null;
  /** Left of the trust a correct authentication of this user from this source gave. */
  trustMs: number | null;
  /**
   * Set when the attempt was counted as a failure of its user (from its source, and from
   * anywhere) before its password is checked: an untrusted attempt with no lock in its way. A
   * success gives it back. Counting first means parallel guesses cannot all pass before the first
   * is counted. The source's own count is not taken up front: an office behind one NAT address
   * whose phones all register at once (after Redis lost their trust) must not lock itself out.
   */
  reserved: ReservedCounts | null;
}

export type AdmissionDecision =
  /** Refused before its password is checked. `tripped`: this attempt set the lock off (it was one too many). */
  | { kind: 'refuse'; lock: LockKind; remainingMs: number; tripped: boolean }
  | { kind: 'check' }
  /** The user is slowed down and the source untrusted: checked only if the user's check slot is free. */
  | { kind: 'check-if-slot-free'; startsSlowdown: boolean };

/** Whether an attempt with credentials may have its password checked. */
export function decideAdmission(r: AttemptRead, p: LockoutPolicy): AdmissionDecision {
  if (r.sourceLockMs !== null) return { kind: 'refuse', lock: 'source', remainingMs: r.sourceLockMs, tripped: false };
  if (r.userSourceLockMs !== null) return { kind: 'refuse', lock: 'user-source', remainingMs: r.userSourceLockMs, tripped: false };
  const lockMs = p.lockoutSeconds * 1000;
  // One more than the threshold already counted: a guess beyond the limit, in flight with the others.
  if (r.reserved && r.reserved.userSource > p.userSourceThreshold) return { kind: 'refuse', lock: 'user-source', remainingMs: lockMs, tripped: true };
  if (r.trustMs !== null) return { kind: 'check' };
  if (r.slowdownMs !== null) return { kind: 'check-if-slot-free', startsSlowdown: false };
  if (r.reserved && r.reserved.user > p.userThreshold) return { kind: 'check-if-slot-free', startsSlowdown: true };
  return { kind: 'check' };
}

export type SlotDecision = { kind: 'check' } | { kind: 'challenge'; delayMs: number };

/**
 * After asking for the user's check slot: checked if this attempt took it; otherwise challenged
 * again, unchecked and uncounted, once the slot is about to free (never later than one interval),
 * so that a phone that answers at once (stale=true asks it to, without its user) comes back when
 * it has a chance, and a guesser learns nothing and goes no faster.
 */
export function decideSlot(slotHeldMs: number | null, p: LockoutPolicy): SlotDecision {
  if (slotHeldMs === null) return { kind: 'check' };
  return { kind: 'challenge', delayMs: Math.min(Math.max(0, slotHeldMs), p.slowdownIntervalMs) };
}

export interface FailureOutcome {
  /** The lock this failure sets (the source's first), if any. */
  lock: LockKind | null;
  /** The user's slow-down starts or goes on. */
  slowdown: boolean;
}

/** What a failed authentication sets off, given its place in the counts. */
export function decideFailure(c: FailureCounts, p: LockoutPolicy): FailureOutcome {
  const lock = c.source >= p.sourceThreshold ? 'source' : c.userSource >= p.userSourceThreshold ? 'user-source' : null;
  return { lock, slowdown: c.user >= p.userThreshold };
}

/** Whether a correct authentication should (re)write its trust: none yet, or less than half of it left. */
export function trustNeedsRefresh(trustMs: number | null, p: LockoutPolicy): boolean {
  return trustMs === null || trustMs < (p.trustSeconds * 1000) / 2;
}

/** The reason an event gives for a lock or the slow-down. */
export function blockReason(what: LockKind | 'slowdown'): SipAuthBlockReason {
  return what === 'source' ? 'source-lockout' : what === 'user-source' ? 'user-source-lockout' : 'user-slowdown';
}
