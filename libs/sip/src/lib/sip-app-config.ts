import { z } from 'zod';
import { env } from '@branchline/config';

/**
 * The settings every SIP app (registrar, routing, conference) reads the same
 * way: where its drachtio servers are and how it signs digest nonces. Spread
 * into the app's own zod object.
 */
export const sipAppEnvShape = {
  /** The drachtio server(s) to attach to: host:port[,host:port...]. */
  DRACHTIO_SERVERS: env.drachtioServers(),
  DRACHTIO_SECRET: z.string().min(1).default('cymru'),
  /** Signs the nonces of digest challenges; every replica of an app needs the same value. */
  NONCE_SECRET: env.secret(32),
  NONCE_TTL_SECONDS: z.coerce.number().int().min(5).max(3600).default(300),
  /**
   * The digest algorithm challenges offer: MD5 (every phone) or SHA-256.
   * Responses with either are verified (both HA1s are stored).
   */
  DIGEST_ALGORITHM: z.enum(['MD5', 'SHA-256']).default('MD5'),
};
