import { z } from 'zod';
import type { LockoutPolicy } from './lockout-policy';

/**
 * The defence's settings, one schema fragment for every app that authenticates SIP (the registrar
 * for REGISTER, routing for INVITE): the same variables and defaults, so that both count against
 * the same thresholds. Spread into the app's config object and refine it with `sourceThresholdValid`.
 */
export const lockoutEnvShape = {
  /** Failures for one user from one source that lock that pair out; as many for the user from anywhere slow it down. */
  LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).default(10),
  /** Failures from one source, whatever the users, that lock the source out. Default: three times LOCKOUT_THRESHOLD. */
  LOCKOUT_SOURCE_THRESHOLD: z.coerce.number().int().min(1).optional(),
  /** ...counted within this window (from the first failure)... */
  LOCKOUT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(300),
  /** ...and the length of a lock, and of a slow-down after its last failure. */
  LOCKOUT_SECONDS: z.coerce.number().int().min(1).default(900),
  /** How long a correct authentication keeps its source trusted for the user (spared the slow-down); refreshed by use. */
  LOCKOUT_TRUST_SECONDS: z.coerce.number().int().min(60).default(7 * 24 * 3600),
  /** While a user is slowed down, sources it does not trust get its password checked once per this interval, all together. */
  LOCKOUT_SLOWDOWN_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(60).default(5),
};

export type LockoutEnv = z.infer<z.ZodObject<typeof lockoutEnvShape>>;

/**
 * For the app schema's `.refine(sourceThresholdValid, sourceThresholdIssue)`: a source threshold
 * below the per-pair one would make the pair lock unreachable.
 */
export const sourceThresholdValid = (c: LockoutEnv): boolean => c.LOCKOUT_SOURCE_THRESHOLD === undefined || c.LOCKOUT_SOURCE_THRESHOLD >= c.LOCKOUT_THRESHOLD;
export const sourceThresholdIssue = { path: ['LOCKOUT_SOURCE_THRESHOLD'], message: 'must be at least LOCKOUT_THRESHOLD' };

export function lockoutPolicyFrom(c: LockoutEnv): LockoutPolicy {
  return {
    userSourceThreshold: c.LOCKOUT_THRESHOLD,
    sourceThreshold: c.LOCKOUT_SOURCE_THRESHOLD ?? 3 * c.LOCKOUT_THRESHOLD,
    userThreshold: c.LOCKOUT_THRESHOLD,
    windowSeconds: c.LOCKOUT_WINDOW_SECONDS,
    lockoutSeconds: c.LOCKOUT_SECONDS,
    trustSeconds: c.LOCKOUT_TRUST_SECONDS,
    slowdownIntervalMs: c.LOCKOUT_SLOWDOWN_INTERVAL_SECONDS * 1000,
  };
}
