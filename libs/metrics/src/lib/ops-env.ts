import { z } from 'zod';
import { env } from '@branchline/config';

/**
 * The settings of a SIP app's ops listener (`/metrics`, `/health/*`), spread
 * into the app's zod config. Each app has its own default port, so several
 * services on one machine never clash; 0 turns the listener off.
 */
export function opsEnvShape(defaultPort: number) {
  return {
    METRICS_PORT: env.port(defaultPort),
    /** Loopback by default: metrics and health are for the machine's (or the pod's) scraper, not the world. */
    METRICS_HOST: z.string().min(1).default('127.0.0.1'),
    /** How long one readiness check (Postgres, Redis, the drachtio servers) may take before it counts as down. */
    READINESS_TIMEOUT_MS: z.coerce.number().int().min(50).max(30000).default(1000),
  };
}
