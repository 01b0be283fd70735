import { execFile, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './sipp';
import { migrationScripts } from './test-database';

export interface PrivatePostgres {
  /** The `branchline` database, with every committed migration applied. */
  url: string;
  port: number;
  /** A fast shutdown (`pg_ctl stop -m fast`): sessions are cut and new connections are refused. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same data. */
  start(): Promise<void>;
  /** Stops it (if running) and removes the cluster; safe to call twice. */
  close(): Promise<void>;
}

/** The newest installed server's binaries (Debian layout), unless PG_BIN names them. */
function pgBin(): string {
  if (process.env['PG_BIN']) return process.env['PG_BIN'];
  const versions = readdirSync('/usr/lib/postgresql').filter((v) =>
    existsSync(`/usr/lib/postgresql/${v}/bin/pg_ctl`),
  );
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql (set PG_BIN)');
  return `/usr/lib/postgresql/${newest}/bin`;
}

/**
 * A throwaway Postgres cluster of the test's own, for tests that must stop and
 * start the database (an outage in the middle of a call) without touching the
 * shared server other test files use. It listens on 127.0.0.1 only, on a free
 * port, with trust auth and fsync off (its data is disposable); the socket and
 * data live in a temp dir. initdb and postgres refuse to run as root, so as
 * root (CI) they run as the `postgres` user.
 *
 * Call `close()` in afterAll. Should the test process exit without it, an exit
 * hook still stops the server, so no postgres outlives the test.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = pgBin();
  const dir = mkdtempSync(join(tmpdir(), 'branchline-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'postgres.log');
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout);
    chownSync(dir, id('-u'), id('-g'));
  }
  /** argv to run one of the server binaries as the cluster's owner. */
  const argv = (tool: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
  const run = (tool: string, args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const [cmd, cmdArgs] = argv(tool, args);
      // cwd: the postgres user may not be allowed into the test's working directory.
      execFile(cmd, cmdArgs, { cwd: dir, timeout: 60_000 }, (err, stdout, stderr) => {
        if (!err) return resolve();
        const serverLog = existsSync(log) ? readFileSync(log, 'utf8').slice(-4000) : '';
        reject(new Error(`${tool} ${args.join(' ')} failed: ${err.message}\n${stdout}${stderr}${serverLog}`));
      });
    });
  const pgCtl = (...args: string[]) => run('pg_ctl', ['-D', data, '-w', '-t', '30', ...args]);

  let running = false;
  let closed = false;
  const stopNow = () => {
    // Synchronous, for the exit hook: an immediate shutdown needs no waiting for sessions.
    if (running) spawnSync(...argv('pg_ctl', ['-D', data, '-w', '-m', 'immediate', 'stop']), { cwd: dir });
    running = false;
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopNow);

  const port = await freePort();
  const close = async () => {
    if (closed) return;
    closed = true;
    process.removeListener('exit', stopNow);
    if (running) {
      try {
        await pgCtl('-m', 'fast', 'stop');
        running = false;
      } catch {
        // stopNow() shuts it down immediately instead.
      }
    }
    stopNow();
  };
  try {
    const initdbOptions = '-U postgres -A trust -E UTF8 --no-locale --no-sync --no-instructions';
    await run('initdb', ['-D', data, ...initdbOptions.split(' ')]);
    appendFileSync(
      join(data, 'postgresql.conf'),
      [
        `listen_addresses = '127.0.0.1'`,
        `port = ${port}`,
        `unix_socket_directories = '${dir}'`,
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        '',
      ].join('\n'),
    );
    await pgCtl('-l', log, 'start');
    running = true;

    const admin = new Client({ connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres` });
    await admin.connect();
    await admin.query('CREATE DATABASE branchline');
    await admin.end();
    const url = `postgresql://postgres@127.0.0.1:${port}/branchline`;
    // As createTestDatabase does: the committed migrations' SQL, in order. (`prisma migrate deploy`
    // gives the same schema but takes ~15 s here: its CLI lingers until its pg pool idles out.)
    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      for (const sql of migrationScripts()) await db.query(sql);
    } finally {
      await db.end();
    }

    return {
      url,
      port,
      stop: async () => {
        await pgCtl('-m', 'fast', 'stop');
        running = false;
      },
      start: async () => {
        await pgCtl('-l', log, 'start');
        running = true;
      },
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}
