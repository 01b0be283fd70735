import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Requests } from '@branchline/contracts';
import { testRedisUrl } from './redis-events';
import { freePort, runSipp, type SippResult } from './sipp';
import type { SipServerProcess } from './sip-server-process';
import { startAppProcess, type AppProcess } from './app-process';


export interface RegistrarProcessOptions {
  /** The Postgres schema the registrar reads credentials from (usually the accounts test's). */
  databaseUrl: string;
  sip: Pick<SipServerProcess, 'drachtioPort' | 'secret'>;
  /** Its request channels' prefix, when the caller (accounts) was configured first; random otherwise. */
  busChannelPrefix?: string;
  /** Extra or overriding environment (EXPIRES_MIN, DIGEST_ALGORITHM, ...). */
  env?: Record<string, string>;
}

export interface RegistrarProcess extends AppProcess {
  /** Its location keys' prefix: a LocationStore with this prefix sees (and seeds) its bindings. */
  redisPrefix: string;
  /** Its request channels' prefix: callers (accounts' BUS_CHANNEL_PREFIX) must use the same. */
  busChannelPrefix: string;
  registrarId: string;
}

/**
 * Runs apps/registrar as its own process (apps never import each other, so
 * other apps' tests talk to it the way production does: SIP through the
 * sip-server, requests over Redis). It gets a Redis key prefix and a channel
 * prefix of its own, so concurrent test files never answer each other.
 * Resolves once it is attached to the sip-server and subscribed to its
 * request channels.
 */
export async function startRegistrarProcess(o: RegistrarProcessOptions): Promise<RegistrarProcess> {
  const id = randomBytes(3).toString('hex');
  const redisPrefix = `t:reg-${id}:`;
  const busChannelPrefix = o.busChannelPrefix ?? `t:reg-${id}:`;
  const registrarId = `registrar-${id}`;
  const redis = new Redis(testRedisUrl(), { lazyConnect: true });
  try {
    const app = await startAppProcess({
      app: 'registrar',
      env: {
        DATABASE_URL: o.databaseUrl,
        REDIS_URL: testRedisUrl(),
        DRACHTIO_SERVERS: `127.0.0.1:${o.sip.drachtioPort}`,
        DRACHTIO_SECRET: o.sip.secret,
        NONCE_SECRET: 'test-nonce-secret-0123456789abcdef-0123',
        REDIS_PREFIX: redisPrefix,
        BUS_CHANNEL_PREFIX: busChannelPrefix,
        REGISTRAR_ID: registrarId,
        // no ops listener unless a test asks (env): its fixed default port would clash between test files
        METRICS_PORT: '0',
        ...o.env,
      },
      what: 'the registrar to attach and subscribe',
      ready: async (output) => {
        if (!output.includes('attached to drachtio server')) return false;
        const [, n] = (await redis.pubsub('NUMSUB', `${busChannelPrefix}${Requests.RegistrarList}`)) as [string, number];
        return Number(n) > 0;
      },
    });
    return { ...app, redisPrefix, busChannelPrefix, registrarId };
  } finally {
    redis.disconnect();
  }
}

export interface Phone {
  user: string;
  domain: string;
  password: string;
  /** Seconds; 300 unless given. */
  expires?: number;
  /** The loopback address the phone sends from (127.0.0.1 unless given). */
  ip?: string;
}

/**
 * Registers phones through the sip-server with sipp (test/sipp/registrar/register.xml,
 * digest auth), one sipp per phone. Resolves with each phone's result and local port.
 */
export async function registerPhones(sip: Pick<SipServerProcess, 'sipPort'>, phones: Phone[]): Promise<Array<SippResult & { port: number }>> {
  const results: Array<SippResult & { port: number }> = [];
  for (const phone of phones) {
    const ip = phone.ip ?? '127.0.0.1';
    const port = await freePort(ip);
    const dir = mkdtempSync(join(tmpdir(), 'phones-'));
    const csv = join(dir, 'phone.csv');
    writeFileSync(
      csv,
      `SEQUENTIAL\n${phone.user};${phone.domain};[authentication username=${phone.user} password=${phone.password}];${phone.expires ?? 300}\n`,
    );
    try {
      const r = await runSipp({
        scenario: 'registrar/register.xml',
        remote: `127.0.0.1:${sip.sipPort}`,
        ip,
        localPort: port,
        calls: 1,
        extraArgs: ['-inf', csv],
        timeoutSeconds: 20,
      });
      results.push({ ...r, port });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return results;
}
