import { z } from 'zod';

/** Thrown at start when the environment does not satisfy an app's schema. */
export class ConfigError extends Error {
  constructor(public readonly issues: string[]) {
    super(`Invalid configuration:\n  - ${issues.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates the environment once, at start. Every problem is reported at
 * once, each naming the variable at fault, and values are never echoed
 * (they may be secrets).
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  return result.data;
}

const PROTOCOLS = (list: string[]) => (v: string) => {
  try {
    return list.includes(new URL(v).protocol);
  } catch {
    return false;
  }
};

/** Reusable field schemas, so every app validates the same way. */
export const env = {
  postgresUrl: () =>
    z
      .string({ error: 'is required' })
      .refine(PROTOCOLS(['postgres:', 'postgresql:']), 'must be a postgres:// or postgresql:// URL'),
  redisUrl: () =>
    z.string({ error: 'is required' }).refine(PROTOCOLS(['redis:', 'rediss:']), 'must be a redis:// URL'),
  port: (def: number) => z.coerce.number().int().min(0).max(65535).default(def),
  secret: (minLength = 32) =>
    z.string({ error: 'is required' }).min(minLength, `must be at least ${minLength} characters`),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The drachtio server(s) a SIP app attaches to: host:port[,host:port...]. */
  drachtioServers: () =>
    z
      .string()
      .default('127.0.0.1:9022')
      .refine((v) => v.split(',').every((s) => /^[\w.-]+:\d{1,5}$/.test(s.trim())), 'must be host:port[,host:port]'),
  /** Prefix of request channels on the Redis bus (libs/bus); every side of a request uses the same. Empty: the plain names. */
  busChannelPrefix: () =>
    z
      .string()
      .regex(/^[\w.:-]*$/, 'must be letters, digits, dot, colon, dash or underscore')
      .default(''),
};
