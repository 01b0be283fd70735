import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  createTestDatabase,
  freePort,
  startAppProcess,
  startRegistrarProcess,
  startRoutingProcess,
  startSipServerProcess,
  testRedisUrl,
  type AppProcess,
  type SipServerProcess,
  type TestDatabase,
} from '@branchline/testing';

const ROOT = resolve(__dirname, '../../../..');
const PLATFORM_TOKEN = 'console-e2e-platform-token-0123456789abcdef';

export interface Suite {
  /** Where accounts serves the console and the API, e.g. http://127.0.0.1:41234 */
  url: string;
  db: TestDatabase;
  sip: SipServerProcess;
  stop(): Promise<void>;
}

/** Builds the console as it ships (vite, production mode) into a directory of this run's own. */
async function buildConsole(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'console-e2e-'));
  await promisify(execFile)(process.execPath, [resolve(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', resolve(ROOT, 'apps/console/vite.config.mts'), '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT });
  return outDir;
}

/**
 * The running suite the console talks to: accounts (from source, serving the
 * freshly built console), a sip-server, the registrar and routing, on free
 * ports, one Postgres schema and one bus prefix of this file's own.
 */
export async function startSuite(): Promise<Suite> {
  const [consoleDir, db, sip] = await Promise.all([buildConsole(), createTestDatabase('console-e2e'), startSipServerProcess()]);
  const bus = `t:console-${randomBytes(3).toString('hex')}:`;
  const started: AppProcess[] = [];
  try {
    started.push(await startRegistrarProcess({ databaseUrl: db.url, sip, busChannelPrefix: bus, env: { DIGEST_ALGORITHM: 'MD5' } }));
    started.push(await startRoutingProcess({ databaseUrl: db.url, sip, redisPrefix: `${bus}loc:`, busChannelPrefix: bus }));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    started.push(
      await startAppProcess({
        app: 'accounts',
        env: {
          DATABASE_URL: db.url,
          REDIS_URL: testRedisUrl(),
          JWT_SECRET: 'console-e2e-jwt-secret-0123456789abcdef',
          SECRETS_KEY: 'console-e2e-secrets-key-0123456789abcdef',
          HOST: '127.0.0.1',
          PORT: String(port),
          CONSOLE_DIR: consoleDir,
          PLATFORM_TOKEN,
          BUS_CHANNEL_PREFIX: bus,
          REDIS_PREFIX: bus,
          LOG_LEVEL: 'warn',
        },
        what: 'accounts to answer /health',
        ready: async () => (await fetch(`${url}/health`)).ok,
      }),
    );
    return {
      url,
      db,
      sip,
      stop: async () => {
        for (const p of started.reverse()) await p.stop();
        await sip.stop();
        await db.drop();
        rmSync(consoleDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    for (const p of started) await p.stop();
    await sip.stop();
    await db.drop();
    throw e;
  }
}

export { PLATFORM_TOKEN };
