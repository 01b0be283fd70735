import type Srf from 'drachtio-srf';
import { buildDigestChallenge, issueNonce, type DigestAlgorithm } from '@branchline/digest';

/** Who challenges: a registrar (401, WWW-Authenticate) or a proxy / call server (407, Proxy-Authenticate). */
export type Challenger = 'registrar' | 'proxy';

export interface ChallengeInput {
  realm: string;
  /** Signs the nonce; every replica of the app needs the same secret. */
  secret: string;
  algorithm: DigestAlgorithm;
  /** The credentials were right but their nonce is used up or too old (RFC 7616 §3.3). */
  stale: boolean;
  nowMs: number;
}

/**
 * Answers a request with a fresh digest challenge (RFC 3261 §22, RFC 7616).
 * One challenge per response: drachtio-srf folds repeated headers into one
 * line, which phones misread.
 */
export function sendDigestChallenge(res: Srf.SrfResponse, by: Challenger, c: ChallengeInput): void {
  const nonce = issueNonce(c.secret, c.realm, c.nowMs);
  const challenge = buildDigestChallenge({ realm: c.realm, nonce, algorithm: c.algorithm, stale: c.stale });
  if (by === 'registrar') res.send(401, { headers: { 'WWW-Authenticate': challenge } });
  else res.send(407, { headers: { 'Proxy-Authenticate': challenge } });
}
