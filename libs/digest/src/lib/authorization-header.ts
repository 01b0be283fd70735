/**
 * Parses a SIP/HTTP `Authorization` or `Proxy-Authorization` header value of
 * the Digest scheme (RFC 7616 §3.4, RFC 3261 §25.1): comma-separated
 * `name=token` or `name="quoted string"` pairs. Names are lower-cased;
 * quoted-pair escapes are undone. Returns null for another scheme or a
 * malformed value, so the caller answers with a fresh challenge.
 */
export function parseDigestAuthorization(value: string): Record<string, string> | null {
  const m = /^\s*Digest\s+/i.exec(value);
  if (!m) return null;
  const params: Record<string, string> = {};
  let i = m[0].length;
  const s = value;
  while (i < s.length) {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === ',')) i++;
    if (i >= s.length) break;
    const nameStart = i;
    while (i < s.length && /[A-Za-z0-9_-]/.test(s[i])) i++;
    const name = s.slice(nameStart, i).toLowerCase();
    while (s[i] === ' ' || s[i] === '\t') i++;
    if (!name || s[i] !== '=') return null;
    i++;
    while (s[i] === ' ' || s[i] === '\t') i++;
    let val = '';
    if (s[i] === '"') {
      i++;
      let closed = false;
      while (i < s.length) {
        if (s[i] === '\\' && i + 1 < s.length) {
          val += s[i + 1];
          i += 2;
        } else if (s[i] === '"') {
          closed = true;
          i++;
          break;
        } else val += s[i++];
      }
      if (!closed) return null;
    } else {
      const start = i;
      while (i < s.length && s[i] !== ',' && s[i] !== ' ' && s[i] !== '\t') i++;
      val = s.slice(start, i);
    }
    if (name in params) return null; // a repeated parameter is ambiguous: refuse it
    params[name] = val;
    while (s[i] === ' ' || s[i] === '\t') i++;
    if (i < s.length && s[i] !== ',') return null;
  }
  return params;
}

const quote = (v: string) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`;

export interface ChallengeInput {
  realm: string;
  nonce: string;
  algorithm: 'MD5' | 'SHA-256';
  stale?: boolean;
  opaque?: string;
}

/** A `WWW-Authenticate` / `Proxy-Authenticate` value offering qop=auth. */
export function buildDigestChallenge(c: ChallengeInput): string {
  const parts = [`realm=${quote(c.realm)}`, `nonce=${quote(c.nonce)}`, `algorithm=${c.algorithm}`, `qop="auth"`];
  if (c.opaque) parts.push(`opaque=${quote(c.opaque)}`);
  if (c.stale) parts.push('stale=true');
  return `Digest ${parts.join(', ')}`;
}
