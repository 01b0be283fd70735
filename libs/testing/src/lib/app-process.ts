import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { waitFor } from './wait-for';

const ROOT = resolve(__dirname, '../../../..');
const OUTPUT_KEEP = 64 * 1024;

export interface AppProcess {
  pid: number;
  /** What it logged so far (the last 64 kB), for failure messages. */
  output(): string;
  /** Sends the process a signal (SIGTERM: a SIP app drains, see its README). */
  signal(name: NodeJS.Signals): void;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after 10 s: a stopped (SIGSTOP) or wedged app does not get to say goodbye. */
  stop(): Promise<void>;
}

/**
 * Runs one of our apps from source (`apps/<name>/src/main.ts` via swc) as its
 * own process, the way other apps' tests need it (apps never import each
 * other). Resolves once `ready(output)` holds; fails with the app's output if
 * it exits first or is not ready within a minute.
 */
export async function startAppProcess(o: {
  app: string;
  env: Record<string, string>;
  what: string;
  ready: (output: string) => boolean | Promise<boolean>;
}): Promise<AppProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', resolve(ROOT, `apps/${o.app}/src/main.ts`)], {
    cwd: ROOT,
    env: { ...process.env, SWC_NODE_PROJECT: resolve(ROOT, 'tsconfig.base.json'), LOG_LEVEL: 'info', ...o.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-OUTPUT_KEEP);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((done) =>
    child.once('exit', (code) => {
      exitCode = code;
      done(code);
    }),
  );

  try {
    await waitFor(async () => exitCode !== undefined || (await o.ready(output)), { timeoutMs: 60_000, intervalMs: 50, what: o.what });
    if (exitCode !== undefined) throw new Error(`${o.app} exited with ${exitCode}`);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${(e as Error).message}\n${output}`);
  }

  return {
    pid: child.pid ?? 0,
    output: () => output,
    signal: (name) => void child.kill(name),
    exited,
    stop: async () => {
      if (exitCode !== undefined) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
