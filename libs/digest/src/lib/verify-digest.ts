import { timingSafeEqual } from 'node:crypto';
import { computeDigestResponse, type DigestAlgorithm } from './digest';

export interface DigestCredentials {
  username: string;
  realm: string;
  nonce: string;
  uri: string;
  response: string;
  algorithm: DigestAlgorithm;
  qop?: 'auth';
  nc?: string;
  cnonce?: string;
}

export type CredentialProblem = 'missing-field' | 'unsupported-algorithm' | 'unsupported-qop' | 'bad-nc';

/** Validates the shape of parsed Digest parameters before any lookup. */
export function toDigestCredentials(p: Record<string, string>): DigestCredentials | CredentialProblem {
  const { username, realm, nonce, uri, response } = p;
  if (!username || !realm || !nonce || !uri || !response) return 'missing-field';
  const alg = (p['algorithm'] ?? 'MD5').toUpperCase();
  if (alg !== 'MD5' && alg !== 'SHA-256') return 'unsupported-algorithm';
  const qop = p['qop'];
  if (qop !== undefined && qop !== 'auth') return 'unsupported-qop';
  if (qop && (!p['cnonce'] || !/^[0-9a-fA-F]{8}$/.test(p['nc'] ?? ''))) return 'bad-nc';
  return {
    username,
    realm,
    nonce,
    uri,
    response: response.toLowerCase(),
    algorithm: alg,
    ...(qop ? { qop: 'auth' as const, nc: p['nc'], cnonce: p['cnonce'] } : {}),
  };
}

/** True when the response proves knowledge of the password behind `ha1`. Constant-time compare. */
export function verifyDigestResponse(c: DigestCredentials, method: string, ha1: string): boolean {
  const expected = computeDigestResponse({ algorithm: c.algorithm, ha1, method, uri: c.uri, nonce: c.nonce, qop: c.qop, nc: c.nc, cnonce: c.cnonce });
  return expected.length === c.response.length && timingSafeEqual(Buffer.from(expected), Buffer.from(c.response));
}
