import { spawn } from 'node:child_process';
import * as dgram from 'node:dgram';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const SIPP_DIR = resolve(__dirname, '../../../../test/sipp');

export interface SippOptions {
  scenario: string; // file name under test/sipp, or a built-in via "-sn name"
  remote?: string; // host:port the scenario sends to (UAC)
  localPort: number;
  calls: number;
  rate?: number;
  ratePeriodMs?: number;
  transport?: 'u1' | 'un' | 't1' | 'tn';
  service?: string;
  ip?: string;
  extraArgs?: string[];
  timeoutSeconds?: number;
  maxSeconds?: number;
}

export interface SippResult {
  code: number | null;
  stdout: string;
  stderr: string;
  successful: number;
  failed: number;
  /** response-time (rtd) values from the last stat line, if any */
  stats: Record<string, string>;
}

/** Picks a free port for sipp by binding port 0 on both UDP and TCP. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const port = await new Promise<number>((res, rej) => {
      const s = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
      s.once('error', rej);
      s.bind(0, host, () => {
        const p = s.address().port;
        s.close(() => res(p));
      });
    });
    const tcpFree = await new Promise<boolean>((res) => {
      const srv = net.createServer();
      srv.once('error', () => res(false));
      srv.listen(port, host, () => srv.close(() => res(true)));
    });
    if (tcpFree) return port;
  }
  throw new Error('no free port');
}

function parseStatCsv(dir: string): Record<string, string> {
  const file = readdirSync(dir).find((f) => f.endsWith('.csv'));
  if (!file) return {};
  const lines = readFileSync(join(dir, file), 'utf8').trim().split('\n');
  if (lines.length < 2) return {};
  const head = lines[0].split(';');
  const last = lines[lines.length - 1].split(';');
  const out: Record<string, string> = {};
  head.forEach((h, i) => (out[h] = last[i]));
  return out;
}

/** Runs sipp to completion (bounded) and reports exit code and call counts. */
export function runSipp(o: SippOptions): Promise<SippResult> {
  const dir = mkdtempSync(join(tmpdir(), 'sipp-'));
  const ip = o.ip ?? '127.0.0.1';
  const args = [
    ...(o.scenario.startsWith('-sn ') ? ['-sn', o.scenario.slice(4)] : ['-sf', join(SIPP_DIR, o.scenario)]),
    ...(o.remote ? [o.remote] : []),
    '-i', ip,
    '-p', String(o.localPort),
    '-m', String(o.calls),
    '-r', String(o.rate ?? 10),
    '-rp', String(o.ratePeriodMs ?? 1000),
    '-t', o.transport ?? 'u1',
    '-timeout', `${o.timeoutSeconds ?? 30}s`,
    '-recv_timeout', '5000',
    '-nostdin',
    '-trace_stat', '-stf', join(dir, 'stat.csv'), '-fd', '1',
    '-trace_err', '-error_file', join(dir, 'err.log'),
    ...(o.service ? ['-s', o.service] : []),
    ...(o.extraArgs ?? []),
  ];
  return new Promise((resolvePromise, reject) => {
    const child = spawn('sipp', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), ((o.maxSeconds ?? o.timeoutSeconds ?? 30) + 15) * 1000);
    child.on('error', (err) => {
      clearTimeout(killer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(killer);
      const stats = parseStatCsv(dir);
      let errLog = '';
      try {
        errLog = readFileSync(join(dir, 'err.log'), 'utf8');
      } catch {
        errLog = '';
      }
      rmSync(dir, { recursive: true, force: true });
      resolvePromise({
        code,
        stdout,
        stderr: stderr + errLog,
        successful: Number(stats['SuccessfulCall(C)'] ?? 0),
        failed: Number(stats['FailedCall(C)'] ?? 0),
        stats,
      });
    });
  });
}

/** Starts a sipp UAS in the background; resolves with a handle to await its result. */
export function startSippUas(o: SippOptions): { done: Promise<SippResult> } {
  return { done: runSipp(o) };
}

/** Resolves once something (sipp) has bound the UDP port; polls with a deadline. */
export async function waitForUdpBound(port: number, host = '127.0.0.1', timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const bound = await new Promise<boolean>((res) => {
      const s = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
      s.once('error', () => res(true));
      s.bind(port, host, () => s.close(() => res(false)));
    });
    if (bound) return;
    if (Date.now() > end) throw new Error(`nothing bound udp ${host}:${port}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Same for a TCP listener. */
export async function waitForTcpListening(port: number, host = '127.0.0.1', timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((res) => {
      const c = net.connect({ port, host });
      c.once('connect', () => {
        c.destroy();
        res(true);
      });
      c.once('error', () => res(false));
    });
    if (ok) return;
    if (Date.now() > end) throw new Error(`nothing listening on tcp ${host}:${port}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
