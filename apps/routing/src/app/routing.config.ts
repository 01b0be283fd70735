import { hostname } from 'node:os';
import { z } from 'zod';
import { env, loadConfig } from '@branchline/config';
import { opsEnvShape } from '@branchline/metrics';
import { sipAppEnvShape } from '@branchline/sip';
import { lockoutEnvShape, sourceThresholdIssue, sourceThresholdValid } from '@branchline/sip-defence';

export const routingConfigSchema = z.object({
  DATABASE_URL: env.postgresUrl(),
  REDIS_URL: env.redisUrl(),
  /** Drachtio servers, nonce signing and the digest algorithm, as every SIP app reads them (libs/sip). */
  ...sipAppEnvShape,
  /** How long callee phones may ring before the call is given up (no answer). */
  RING_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(60),
  /** How long a SIGTERM lets this replica's calls go on before it closes (its Kubernetes grace period should be a little longer). */
  ROUTING_DRAIN_TIMEOUT_SECONDS: z.coerce.number().int().min(0).max(86_400).default(30),
  /** How long an answered call's state waits in Redis for a reaper when every routing replica is down. */
  CALL_STATE_TTL_SECONDS: z.coerce.number().int().min(60).default(6 * 3600),
  /** How long a gateway may stay silent after our INVITE before the next gateway is tried. */
  GATEWAY_SETUP_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(60).default(4),
  /**
   * A PSTN call's hold on its gateway channel and site slot, renewed while the call is up: a
   * replica that dies mid-call frees them after this long at most.
   */
  CHANNEL_LEASE_SECONDS: z.coerce.number().int().min(10).max(3600).default(300),
  /** Unseals gateway trunk passwords (libs/secrets, the same key accounts seals them with); without it, challenged trunks fail over. */
  SECRETS_KEY: env.secret(32).optional(),
  /** How often CDRs spooled while Postgres was unreachable are retried. */
  CDR_SPOOL_RETRY_MS: z.coerce.number().int().min(50).default(2000),
  /**
   * How long directory lookups (realm, callers, callees, gateways, routes, DIDs) are kept in memory.
   * Accounts' change events empty the cache at once; this bounds staleness only when an event is
   * missed (Redis unreachable). 0 reads Postgres for every call.
   */
  DIRECTORY_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(300),
  ROUTING_ID: z.string().min(1).default(hostname()),
  /** Key prefix; must equal the registrar's, since routing reads its location bindings. */
  REDIS_PREFIX: z.string().default('bl:'),
  /** Prefix of the request channels this service answers on (`libs/bus`). */
  BUS_CHANNEL_PREFIX: env.busChannelPrefix(),
  LOG_LEVEL: env.logLevel(),
  /** /metrics, /health/live and /health/ready on METRICS_HOST:METRICS_PORT (9102; 0: off), libs/metrics. */
  ...opsEnvShape(9102),
  /**
   * The brute-force defence of INVITE authentication: the registrar's (libs/sip-defence), with the
   * same keys under REDIS_PREFIX; give both the same values, so both paths count alike.
   */
  ...lockoutEnvShape,
}).refine(sourceThresholdValid, sourceThresholdIssue);

export type RoutingConfig = z.infer<typeof routingConfigSchema>;
export const ROUTING_CONFIG = Symbol('ROUTING_CONFIG');

export function loadRoutingConfig(source: Record<string, string | undefined> = process.env): RoutingConfig {
  return loadConfig(routingConfigSchema, source);
}
