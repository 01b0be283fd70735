import { randomBytes } from 'node:crypto';
import { startAppProcess, type AppProcess } from './app-process';
import { testRedisUrl } from './redis-events';
import type { SipServerProcess } from './sip-server-process';

export interface RoutingProcessOptions {
  /** The Postgres schema routing reads the directory from and writes CDRs to. */
  databaseUrl: string;
  sip: Pick<SipServerProcess, 'drachtioPort' | 'secret'>;
  /** The registrar's Redis key prefix: routing reads its location bindings (`RegistrarProcess.redisPrefix`). */
  redisPrefix: string;
  /** Its request channels' prefix; random unless given. */
  busChannelPrefix?: string;
  /** Extra or overriding environment (RING_TIMEOUT_SECONDS, ...). */
  env?: Record<string, string>;
}

export interface RoutingProcess extends AppProcess {
  busChannelPrefix: string;
  routingId: string;
}

/**
 * Runs apps/routing as its own process, the way other apps' tests need it
 * (apps never import each other). Resolves once it is attached to the
 * sip-server, i.e. routes INVITEs and receives CDR events.
 */
export async function startRoutingProcess(o: RoutingProcessOptions): Promise<RoutingProcess> {
  const id = randomBytes(3).toString('hex');
  const busChannelPrefix = o.busChannelPrefix ?? `t:route-${id}:`;
  const routingId = `routing-${id}`;
  const app = await startAppProcess({
    app: 'routing',
    env: {
      DATABASE_URL: o.databaseUrl,
      REDIS_URL: testRedisUrl(),
      DRACHTIO_SERVERS: `127.0.0.1:${o.sip.drachtioPort}`,
      DRACHTIO_SECRET: o.sip.secret,
      NONCE_SECRET: 'test-routing-nonce-secret-0123456789abcdef',
      REDIS_PREFIX: o.redisPrefix,
      BUS_CHANNEL_PREFIX: busChannelPrefix,
      ROUTING_ID: routingId,
      // no ops listener unless a test asks (env): its fixed default port would clash between test files
      METRICS_PORT: '0',
      // stop() ends a test at once, calls or not; a test of the drain sets its own
      ROUTING_DRAIN_TIMEOUT_SECONDS: '0',
      ...o.env,
    },
    what: 'routing to attach to the sip-server',
    ready: (output) => output.includes('attached to drachtio server'),
  });
  return { ...app, busChannelPrefix, routingId };
}
