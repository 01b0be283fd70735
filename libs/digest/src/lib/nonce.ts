import { createHmac, randomFillSync, timingSafeEqual } from 'node:crypto';

/**
 * Stateless server nonces: `<issued-ms>.<random>.<mac>` where the MAC binds
 * the issue time and randomness to a server secret (and the realm), so any
 * replica can check a nonce it did not issue and tell a forged one from an
 * old one. Replay *within* a nonce's life is stopped by the nonce-count,
 * which needs shared state (the registrar keeps it in Redis).
 */
export type NonceCheck = { status: 'valid'; issuedAt: number } | { status: 'stale' } | { status: 'invalid' };

function mac(secret: string, realm: string, issued: string, rand: string): string {
  return createHmac('sha256', secret).update(`${realm}:${issued}:${rand}`).digest('base64url').slice(0, 22);
}

const NONCE_RANDOM_BYTES = 12;
/** Nonces' randomness is drawn from the CSPRNG a few KiB at a time: one call per nonce cost more than the rest of issuing it. */
const POOL_BYTES = NONCE_RANDOM_BYTES * 512;
let pool = Buffer.alloc(0);
let used = 0;

/** The next unused random bytes; a new pool is a new buffer, so bytes handed out are never handed out again. */
function nonceRandom(): Buffer {
  if (used + NONCE_RANDOM_BYTES > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
    used = 0;
  }
  used += NONCE_RANDOM_BYTES;
  return pool.subarray(used - NONCE_RANDOM_BYTES, used);
}

export function issueNonce(secret: string, realm: string, nowMs: number, random: Buffer = nonceRandom()): string {
  const issued = nowMs.toString(36);
  const rand = random.toString('base64url');
  return `${issued}.${rand}.${mac(secret, realm, issued, rand)}`;
}

export function checkNonce(secret: string, realm: string, nonce: string, nowMs: number, ttlMs: number): NonceCheck {
  const parts = nonce.split('.');
  if (parts.length !== 3) return { status: 'invalid' };
  const [issued, rand, given] = parts;
  const expected = mac(secret, realm, issued, rand);
  if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return { status: 'invalid' };
  const issuedAt = parseInt(issued, 36);
  if (!Number.isFinite(issuedAt) || issuedAt > nowMs + 5_000) return { status: 'invalid' };
  if (nowMs - issuedAt > ttlMs) return { status: 'stale' };
  return { status: 'valid', issuedAt };
}
