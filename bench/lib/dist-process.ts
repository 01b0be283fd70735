import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

export interface DistProcess {
  name: string;
  child: ChildProcess;
  pid: number;
  /** Everything it printed so far (bounded to the last 64 KiB). */
  output(): string;
  stop(): Promise<void>;
}

export interface DistProcessOptions {
  env: Record<string, string>;
  /** Resolves start once a line of its output contains this text. */
  readyText?: string;
  /** Writes a V8 CPU profile (`--cpu-prof`) into this folder when stopped. */
  cpuProfDir?: string;
  timeoutMs?: number;
  /** Another build of the same app (e.g. the one before a change), instead of dist/apps/<name>/main.js. */
  main?: string;
  /** Node options before the script (e.g. `-r @swc-node/register` for a TypeScript stand-in). */
  execArgv?: string[];
}

/**
 * Runs a production build (dist/apps/<name>/main.js) in its own process, the
 * way it runs when deployed. With a CPU profile, SIGTERM exits at once through
 * process.exit so V8 writes the profile (an app whose shutdown hook re-raises
 * the signal would otherwise die without writing it).
 */
export async function startDistApp(name: string, o: DistProcessOptions): Promise<DistProcess> {
  const main = o.main ?? resolve(ROOT, 'dist/apps', name, 'main.js');
  const args = [...(o.execArgv ?? []), ...(o.cpuProfDir
    ? ['--cpu-prof', '--cpu-prof-dir', o.cpuProfDir, '--cpu-prof-name', `${name}.cpuprofile`, '-e', `process.on('SIGTERM', () => process.exit(0)); require(${JSON.stringify(main)});`]
    : [main])];
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...o.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  // BENCH_LOG_DIR=<dir>: everything each app prints also goes to <dir>/<name>.log (e.g. with --trace-gc)
  const logFile = process.env.BENCH_LOG_DIR ? resolve(process.env.BENCH_LOG_DIR, `${name}.log`) : undefined;
  if (process.env.BENCH_LOG_DIR) mkdirSync(process.env.BENCH_LOG_DIR, { recursive: true });
  const append = (d: Buffer) => {
    out = (out + d.toString()).slice(-65_536);
    if (logFile) appendFileSync(logFile, d);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${name} did not start:\n${out}`)), o.timeoutMs ?? 30_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      fail(new Error(`${name} exited with ${code}:\n${out}`));
    };
    child.once('exit', onExit);
    const check = () => {
      if (o.readyText && !out.includes(o.readyText)) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout?.off('data', check);
      child.stderr?.off('data', check);
      ok();
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    if (!o.readyText) setImmediate(check);
  });
  return {
    name,
    child,
    pid: child.pid ?? 0,
    output: () => out,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(killer);
          done();
        });
        child.kill('SIGTERM');
      }),
  };
}
