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
  const s = value;
  let i = m[0].length;
  // One pass with slices (no string built a character at a time): this runs for every REGISTER and INVITE.
  while (i < s.length) {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === ',')) i++;
    if (i >= s.length) break;
    const nameStart = i;
    while (i < s.length && isTokenChar(s.charCodeAt(i))) i++;
    const name = s.slice(nameStart, i).toLowerCase();
    while (s[i] === ' ' || s[i] === '\t') i++;
    if (!name || s[i] !== '=') return null;
    i++;
    while (s[i] === ' ' || s[i] === '\t') i++;
    let val: string;
    if (s[i] === '"') {
      let j = i + 1;
      let escaped = false;
      while (j < s.length && s[j] !== '"') {
        if (s[j] === '\\') {
          escaped = true;
          j++;
        }
        j++;
      }
      if (j >= s.length) return null; // never closed
      val = s.slice(i + 1, j);
      if (escaped) val = val.replace(/\\([\s\S])/g, '$1');
      i = j + 1;
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

/** A-Z, a-z, 0-9, '_' and '-': the characters of a parameter name. */
function isTokenChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45;
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
