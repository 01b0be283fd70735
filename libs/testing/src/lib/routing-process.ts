import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { testRedisUrl } from './redis-events';
import type { SipServerProcess } from './sip-server-process';
import { waitFor } from './wait-for';

const ROOT = resolve(__dirname, '../../../..');

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

export interface RoutingProcess {
  busChannelPrefix: string;
  routingId: string;
  pid: number;
  /** What it logged so far (the last 64 kB), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

const OUTPUT_KEEP = 64 * 1024;

/**
 * Runs apps/routing as its own process, the way other apps' tests need it
 * (apps never import each other). Resolves once it is attached to the
 * sip-server, i.e. routes INVITEs and receives CDR events.
 */
export async function startRoutingProcess(o: RoutingProcessOptions): Promise<RoutingProcess> {
  const id = randomBytes(3).toString('hex');
  const busChannelPrefix = o.busChannelPrefix ?? `t:route-${id}:`;
  const routingId = `routing-${id}`;
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', resolve(ROOT, 'apps/routing/src/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      SWC_NODE_PROJECT: resolve(ROOT, 'tsconfig.base.json'),
      DATABASE_URL: o.databaseUrl,
      REDIS_URL: testRedisUrl(),
      DRACHTIO_SERVERS: `127.0.0.1:${o.sip.drachtioPort}`,
      DRACHTIO_SECRET: o.sip.secret,
      NONCE_SECRET: 'test-routing-nonce-secret-0123456789abcdef',
      REDIS_PREFIX: o.redisPrefix,
      BUS_CHANNEL_PREFIX: busChannelPrefix,
      ROUTING_ID: routingId,
      LOG_LEVEL: 'info',
      ...o.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-OUTPUT_KEEP);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((done) =>
    child.once('exit', (code) => {
      exitCode = code;
      done();
    }),
  );

  try {
    await waitFor(() => exitCode !== undefined || output.includes('attached to drachtio server'), {
      timeoutMs: 60_000,
      intervalMs: 50,
      what: 'routing to attach to the sip-server',
    });
    if (exitCode !== undefined) throw new Error(`routing exited with ${exitCode}`);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${(e as Error).message}\n${output}`);
  }

  return {
    busChannelPrefix,
    routingId,
    pid: child.pid ?? 0,
    output: () => output,
    stop: async () => {
      if (exitCode !== undefined) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
