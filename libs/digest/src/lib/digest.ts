import { createHash } from 'node:crypto';

/** RFC 7616 algorithms Branchline supports. */
export type DigestAlgorithm = 'MD5' | 'SHA-256';

const NODE_HASH: Record<DigestAlgorithm, string> = { MD5: 'md5', 'SHA-256': 'sha256' };

export function hashHex(algorithm: DigestAlgorithm, input: string): string {
  return createHash(NODE_HASH[algorithm]).update(input, 'utf8').digest('hex');
}

/** HA1 = H(username ":" realm ":" password), stored so no password is needed to verify. */
export function computeHa1(algorithm: DigestAlgorithm, username: string, realm: string, password: string): string {
  return hashHex(algorithm, `${username}:${realm}:${password}`);
}

export interface DigestResponseInput {
  algorithm: DigestAlgorithm;
  ha1: string;
  method: string;
  uri: string;
  nonce: string;
  /** With qop=auth the client nonce and nonce count are part of the hash. */
  qop?: 'auth';
  cnonce?: string;
  nc?: string;
}

/** The `response` value a client must send (RFC 7616 §3.4.1, qop=auth or none). */
export function computeDigestResponse(i: DigestResponseInput): string {
  const ha2 = hashHex(i.algorithm, `${i.method}:${i.uri}`);
  const middle = i.qop ? `${i.nonce}:${i.nc}:${i.cnonce}:${i.qop}` : i.nonce;
  return hashHex(i.algorithm, `${i.ha1}:${middle}:${ha2}`);
}
