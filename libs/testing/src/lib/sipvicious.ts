import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Scan {
  output(): string;
  /** Resolves when the tool exits (or is stopped). */
  done: Promise<number | null>;
  stop(): Promise<number | null>;
}

/**
 * Starts a SIPVicious tool (svwar, svcrack, ...); its report and (with -vv)
 * every guess arrive on stdout/stderr. Killed after 90 s whatever happens.
 */
export function sipvicious(tool: 'svwar' | 'svcrack', args: string[]): Scan {
  const child = spawn(tool, args, { env: { ...process.env, HOME: mkdtempSync(join(tmpdir(), `${tool}-`)) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const done = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const deadline = setTimeout(() => child.kill('SIGKILL'), 90_000);
  void done.then(() => clearTimeout(deadline));
  return {
    output: () => output,
    done,
    stop: () => {
      child.kill('SIGKILL');
      return done;
    },
  };
}

/**
 * SIPVicious sends from the loopback's main address whatever -b says, and
 * without -x it tries to discover a public address first; so: a free local
 * port of our own and 127.0.0.1 as the address it writes into Via/Contact.
 */
export function sipviciousLocalAddress(port: number): string[] {
  return ['-x', '127.0.0.1', '-P', String(port)];
}

/** The rows of a SIPVicious result table: first column → second column. */
export function sipviciousTable(output: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of output.split('\n')) {
    const m = /^\|\s*([^|]+?)\s*\|\s*([^|]*?)\s*\|$/.exec(line.trim());
    if (m && !/^(extension|password)$/i.test(m[1])) rows.set(m[1], m[2]);
  }
  return rows;
}

/** The passwords svcrack reports trying (it logs each with -vv), in order. */
export function svcrackGuesses(output: string): string[] {
  return [...output.matchAll(/trying (\S+)/g)].map((m) => m[1]);
}
