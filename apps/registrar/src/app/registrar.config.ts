import { hostname } from 'node:os';
import { z } from 'zod';
import { env, loadConfig } from '@branchline/config';
import { opsEnvShape } from '@branchline/metrics';
import { sipAppEnvShape } from '@branchline/sip';
import { lockoutEnvShape, sourceThresholdIssue, sourceThresholdValid } from '@branchline/sip-defence';

export const registrarConfigSchema = z
  .object({
    DATABASE_URL: env.postgresUrl(),
    REDIS_URL: env.redisUrl(),
    /** Drachtio servers, nonce signing and the digest algorithm, as every SIP app reads them (libs/sip). */
    ...sipAppEnvShape,
    EXPIRES_DEFAULT: z.coerce.number().int().min(1).default(3600),
    EXPIRES_MIN: z.coerce.number().int().min(1).default(60),
    EXPIRES_MAX: z.coerce.number().int().min(1).default(7200),
    MAX_CONTACTS: z.coerce.number().int().min(1).max(100).default(5),
    /** The brute-force defence, shared with routing's INVITE authentication (libs/sip-defence). */
    ...lockoutEnvShape,
    /** Locked-out sources get no answer at all (true) or 403 (false). */
    LOCKOUT_SILENT: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
    /** REGISTERs per source address per second before 503. */
    RATE_LIMIT_PER_SOURCE: z.coerce.number().int().min(1).default(50),
    CREDENTIAL_CACHE_SECONDS: z.coerce.number().int().min(1).default(300),
    REGISTRAR_ID: z.string().min(1).default(hostname()),
    REDIS_PREFIX: z.string().default('bl:'),
    /**
     * Prefix of the request channels the registrar answers on (registrar.list,
     * registrar.lookup); callers must use the same. Empty: the plain names.
     */
    BUS_CHANNEL_PREFIX: env.busChannelPrefix(),
    LOG_LEVEL: env.logLevel(),
    /** /metrics, /health/live and /health/ready on METRICS_HOST:METRICS_PORT (9101; 0: off), libs/metrics. */
    ...opsEnvShape(9101),
  })
  .refine((c) => c.EXPIRES_MIN <= c.EXPIRES_DEFAULT && c.EXPIRES_DEFAULT <= c.EXPIRES_MAX, {
    path: ['EXPIRES_DEFAULT'],
    message: 'must lie between EXPIRES_MIN and EXPIRES_MAX',
  })
  .refine(sourceThresholdValid, sourceThresholdIssue);

export type RegistrarConfig = z.infer<typeof registrarConfigSchema>;
export const REGISTRAR_CONFIG = Symbol('REGISTRAR_CONFIG');

export function loadRegistrarConfig(source: Record<string, string | undefined> = process.env): RegistrarConfig {
  return loadConfig(registrarConfigSchema, source);
}
