import { z } from 'zod';
import type { ListenSpec, TransportName } from '../transport/transport-layer';
import { checkTlsEnv, tlsEnvSchema } from './tls-config';
import { DEFAULT_LIMITS } from './limits';

const listenEntry = /^(udp|tcp|tls):(\[[0-9a-fA-F:.]+\]|[0-9a-fA-F:.]+|[A-Za-z0-9.-]+):(\d{1,5})$/;

function parseListen(value: string, ctx: z.RefinementCtx): ListenSpec[] {
  const out: ListenSpec[] = [];
  for (const part of value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = listenEntry.exec(part);
    const port = m ? Number(m[3]) : -1;
    if (!m || port > 65535) {
      ctx.addIssue({
        code: 'custom',
        message: `invalid entry '${part}' (expected udp|tcp|tls:address:port)`,
      });
      return z.NEVER;
    }
    const host = m[2].startsWith('[') ? m[2].slice(1, -1) : m[2];
    out.push({ transport: m[1] as TransportName, host, port });
  }
  if (!out.length) {
    ctx.addIssue({ code: 'custom', message: 'no listen address given' });
    return z.NEVER;
  }
  return out;
}

const intFromEnv = (def: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(def);

export const sipServerEnvSchema = z
  .object({
    SIP_LISTEN: z.string().default('udp:127.0.0.1:5060,tcp:127.0.0.1:5060').transform(parseListen),
    SIP_ADVERTISED_ADDRESS: z
      .string()
      .regex(/^[0-9a-fA-F:.]+$|^[A-Za-z0-9.-]+$/, 'must be an IP address or host name')
      .optional(),
    DRACHTIO_HOST: z.string().default('127.0.0.1'),
    DRACHTIO_PORT: intFromEnv(9022, 0, 65535),
    DRACHTIO_SECRET: z.string().min(1).default('cymru'),
    SIP_T1_MS: intFromEnv(500, 10, 10_000),
    SIP_T2_MS: intFromEnv(4000, 10, 60_000),
    SIP_T4_MS: intFromEnv(5000, 10, 60_000),
    // Timer C: how long an INVITE we sent may ring without a further provisional (RFC 3261 §16.6: > 3 min)
    SIP_TIMER_C_MS: intFromEnv(185_000, 100, 3_600_000),
    SIP_MAX_MESSAGE_BYTES: intFromEnv(65535, 1024, 1_048_576),
    // 0 keeps the OS default; Linux caps the value at net.core.rmem_max (a warning says so)
    SIP_UDP_RECV_BUFFER_BYTES: intFromEnv(4 * 1024 * 1024, 0, 1024 * 1024 * 1024),
    SIP_RATE_LIMIT_PER_SOURCE: intFromEnv(DEFAULT_LIMITS.ratePerSource, 0, 10_000_000),
    SIP_RATE_LIMIT_BURST: intFromEnv(DEFAULT_LIMITS.rateBurst, 1, 10_000_000),
    SIP_TCP_MAX_CONNECTIONS_PER_SOURCE: intFromEnv(DEFAULT_LIMITS.tcpConnectionsPerSource, 0, 1_000_000),
    SIP_TCP_MESSAGE_TIMEOUT_MS: intFromEnv(DEFAULT_LIMITS.tcpMessageTimeoutMs, 0, 3_600_000),
    SIP_TCP_IDLE_TIMEOUT_SECONDS: intFromEnv(DEFAULT_LIMITS.tcpIdleTimeoutMs / 1000, 1, 86_400),
    SIP_DIALOG_MAX_SECONDS: intFromEnv(14_400, 1, 7 * 86_400),
    SIP_INVITE_ANSWER_TIMEOUT_SECONDS: intFromEnv(180, 1, 3600),
    SIP_DRAIN_TIMEOUT_SECONDS: intFromEnv(30, 0, 86_400),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ...tlsEnvSchema,
  })
  .superRefine(checkTlsEnv);

export type SipServerEnv = z.infer<typeof sipServerEnvSchema>;

/** Validates the environment once; the error names every offending variable. */
export function loadConfig(env: NodeJS.ProcessEnv): SipServerEnv {
  // the well-known development secret must never protect a production server
  if (env.NODE_ENV === 'production' && !env.DRACHTIO_SECRET) {
    throw new Error('invalid sip-server configuration: DRACHTIO_SECRET: required when NODE_ENV=production');
  }
  const r = sipServerEnvSchema.safeParse(env);
  if (!r.success) {
    const detail = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid sip-server configuration: ${detail}`);
  }
  return r.data;
}
