/**
 * How long a REGISTER asks a binding to live (RFC 3261 §10.3 step 6): the
 * Contact's `expires` parameter wins over the `Expires` header, which wins
 * over the registrar's default. Zero removes; below the minimum is refused
 * with 423 and Min-Expires; above the maximum is shortened.
 */
export interface ExpiryPolicy {
  defaultSeconds: number;
  minSeconds: number;
  maxSeconds: number;
}

export type ExpiryDecision = { kind: 'remove' } | { kind: 'bind'; seconds: number } | { kind: 'too-brief'; minSeconds: number };

export function resolveExpiry(contactExpires: string | undefined, headerExpires: string | undefined, policy: ExpiryPolicy): ExpiryDecision {
  const parse = (v: string | undefined) => (v !== undefined && /^\d{1,10}$/.test(v.trim()) ? Number(v.trim()) : undefined);
  const asked = parse(contactExpires) ?? parse(headerExpires) ?? policy.defaultSeconds;
  if (asked === 0) return { kind: 'remove' };
  if (asked < policy.minSeconds) return { kind: 'too-brief', minSeconds: policy.minSeconds };
  return { kind: 'bind', seconds: Math.min(asked, policy.maxSeconds) };
}
