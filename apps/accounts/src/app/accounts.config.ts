import { z } from 'zod';
import { env, loadConfig } from '@branchline/config';

export const accountsConfigSchema = z.object({
  DATABASE_URL: env.postgresUrl(),
  REDIS_URL: env.redisUrl(),
  /** Signs login JWTs. */
  JWT_SECRET: env.secret(32),
  /** Encrypts SIP and trunk passwords at rest. Changing it makes stored ones unreadable. */
  SECRETS_KEY: env.secret(32),
  HOST: z.string().default('127.0.0.1'),
  PORT: env.port(3000),
  JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(86400).default(3600),
  LOG_LEVEL: env.logLevel(),
  /** JSON bodies above this get 413. The CSV import has its own, larger limit. */
  BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/, 'must look like 512kb or 1mb').default('1mb'),
  IMPORT_BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/, 'must look like 512kb or 20mb').default('20mb'),
  IMPORT_MAX_ROWS: z.coerce.number().int().min(1).default(50000),
  /**
   * Operator token for /api/v1/platform (creating and removing tenants). Unset
   * disables those endpoints: a single-company install never needs them.
   */
  PLATFORM_TOKEN: env.secret(32).optional(),
  /** How often the outbox relay re-publishes events whose publish failed. */
  OUTBOX_RELAY_MS: z.coerce.number().int().min(100).default(5000),
  /** How long a request to the registrar (registrations, online state) may take before it counts as down. */
  REGISTRAR_TIMEOUT_MS: z.coerce.number().int().min(50).max(30000).default(2000),
  /** How long a request to routing (dial-plan explain) may take before it counts as down. */
  ROUTING_TIMEOUT_MS: z.coerce.number().int().min(50).max(30000).default(2000),
  /**
   * Prefix of the request channels on the Redis bus; must equal the
   * registrar's and routing's BUS_CHANNEL_PREFIX. Empty: the plain contract names.
   */
  BUS_CHANNEL_PREFIX: env.busChannelPrefix(),
  /** Prefix of every Redis key accounts writes (login throttle); replicas must share it. */
  REDIS_PREFIX: z.string().regex(/^[\w.:-]*$/, 'must be letters, digits, dot, colon, dash or underscore').default('bl:'),
  /**
   * Login throttle: this many failed logins for one e-mail address within
   * LOGIN_WINDOW_SECONDS (counted from the first) lock that address out for
   * LOGIN_LOCKOUT_SECONDS; from one client address, LOGIN_MAX_FAILURES_PER_ADDRESS
   * lock the client address out for as long. A lock is bounded (at most a day)
   * so that it cannot shut the real admin out for good.
   */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(10),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100000).default(50),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86400).default(900),
  LOGIN_LOCKOUT_SECONDS: z.coerce.number().int().min(1).max(86400).default(900),
  /**
   * Rows a report CSV export fetches from its Postgres cursor at a time: the
   * export holds about one batch in memory whatever its length.
   */
  REPORT_EXPORT_BATCH_ROWS: z.coerce.number().int().min(1).max(100000).default(1000),
  /**
   * How often the budget check compares every budget of the running month with its spend
   * and publishes budget.threshold_crossed (0: never, e.g. in tests that run it themselves).
   */
  BUDGET_CHECK_SECONDS: z.coerce.number().int().min(0).max(86400).default(300),
  /**
   * GET /metrics is open (a Prometheus inside the cluster scrapes it); set, it wants
   * `Authorization: Bearer <METRICS_TOKEN>`, for an API port that faces the internet.
   */
  METRICS_TOKEN: env.secret(32).optional(),
  /** How long each readiness check (Postgres, Redis) of /health/ready may take before it counts as down. */
  READINESS_TIMEOUT_MS: z.coerce.number().int().min(50).max(30000).default(1000),
  /**
   * The built web console (`nx build console`), served at `/` when it holds an
   * index.html; relative paths are from the working directory. Empty: no console.
   */
  CONSOLE_DIR: z.string().default('dist/apps/console'),
});

export type AccountsConfig = z.infer<typeof accountsConfigSchema>;
export const ACCOUNTS_CONFIG = Symbol('ACCOUNTS_CONFIG');

export function loadAccountsConfig(source: Record<string, string | undefined> = process.env): AccountsConfig {
  return loadConfig(accountsConfigSchema, source);
}
