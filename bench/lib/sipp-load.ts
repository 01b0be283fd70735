import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../libs/testing/src';
import { processCpuSeconds, socketDrops } from './load-diagnostics';

export const SIPP_DIR = resolve(__dirname, '../../test/sipp');

/** sipp's own failure counters (stat.csv, cumulative), by the part after "Failed". */
const FAILURE_KINDS = [
  'CannotSendMessage',
  'MaxUDPRetrans',
  'UnexpectedMessage',
  'CallRejected',
  'TimeoutOnRecv',
  'TimeoutOnSend',
  'OutboundCongestion',
] as const;

export interface SippLoadResult {
  ok: number;
  failed: number;
  code: number | null;
  /** why calls failed, as sipp counts it */
  failures: Partial<Record<(typeof FAILURE_KINDS)[number], number>>;
  /** requests/responses sipp had to send again (a sign of lost or late packets) */
  retransmissions: number;
  /** messages sipp received for calls it had already finished */
  deadCallMsgs: number;
  elapsedSeconds: number;
  /** INVITE->200 times (ms, whole milliseconds) when asked for */
  rtts: number[];
  /** sipp's local SIP port, for matching its socket in /proc/net/udp */
  localPort: number;
  /** CPU seconds sipp used */
  cpuSeconds: number;
  /** datagrams the kernel dropped because sipp's socket buffer was full */
  sippSocketDrops: number;
  /** failed calls per one-second period, for seeing when failures happened */
  failedPerSecond: number[];
}

export interface SippLoadOptions {
  scenario?: string;
  serverPort: number;
  rate: number;
  calls: number;
  rtt?: boolean;
  /** sipp's socket buffer sizes (-buff_size); sipp's default is 64 KiB */
  bufferBytes?: number;
  /** called with sipp's pid once it runs */
  onStart?: (pid: number) => void;
}

/** Runs a sipp UAC scenario at a fixed rate to completion (bounded) and reads its statistics. */
export async function runSippLoad(o: SippLoadOptions): Promise<SippLoadResult> {
  const localPort = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bench-sipp-'));
  const seconds = Math.ceil(o.calls / o.rate);
  const args = [
    '-sf', join(SIPP_DIR, o.scenario ?? 'uac-basic.xml'), `127.0.0.1:${o.serverPort}`,
    '-i', '127.0.0.1', '-p', String(localPort), '-m', String(o.calls), '-r', String(o.rate),
    '-l', String(Math.max(1000, o.rate * 10)),
    '-timeout', `${seconds + 30}s`, '-recv_timeout', '5000', '-nostdin', '-d', '0',
    '-trace_stat', '-stf', join(dir, 'stat.csv'), '-fd', '1',
    ...(o.bufferBytes ? ['-buff_size', String(o.bufferBytes)] : []),
    ...(o.rtt ? ['-trace_rtt', '-rtt_freq', '1'] : []),
  ];
  const started = Date.now();
  const child = spawn('sipp', args, { cwd: dir, stdio: 'ignore' });
  if (child.pid) o.onStart?.(child.pid);
  let cpuSeconds = 0;
  let sippSocketDrops = 0;
  // sipp's /proc entries are gone once it exits, so sample while it runs
  const sampler = setInterval(() => {
    if (child.pid) {
      const c = processCpuSeconds(child.pid);
      if (Number.isFinite(c)) cpuSeconds = c;
    }
    sippSocketDrops = Math.max(sippSocketDrops, socketDrops(localPort).drops);
  }, 250);
  const killer = setTimeout(() => child.kill('SIGKILL'), (seconds + 60) * 1000);
  const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
  clearTimeout(killer);
  clearInterval(sampler);
  const stat = readFileSync(join(dir, 'stat.csv'), 'utf8').trim().split('\n');
  const head = stat[0].split(';');
  const rows = stat.slice(1).map((l) => l.split(';'));
  const last = rows[rows.length - 1] ?? [];
  const get = (row: string[], k: string) => Number(row[head.indexOf(k)] ?? 0) || 0;
  const failures: SippLoadResult['failures'] = {};
  for (const k of FAILURE_KINDS) {
    const n = get(last, `Failed${k}(C)`);
    if (n) failures[k] = n;
  }
  const rtts: number[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('_rtt.csv'))) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n').slice(1)) {
      const v = Number(line.split(';')[1]);
      if (Number.isFinite(v) && line.trim()) rtts.push(v);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  return {
    ok: get(last, 'SuccessfulCall(C)'),
    failed: get(last, 'FailedCall(C)'),
    code,
    failures,
    retransmissions: get(last, 'Retransmissions(C)'),
    deadCallMsgs: get(last, 'DeadCallMsgs(C)'),
    elapsedSeconds: Math.round((Date.now() - started) / 100) / 10,
    rtts,
    localPort,
    cpuSeconds,
    sippSocketDrops,
    failedPerSecond: rows.map((r) => get(r, 'FailedCall(P)')),
  };
}

/** Share of placed calls that failed (calls never placed count as failed). */
export function failureRate(r: SippLoadResult, calls: number): number {
  return (calls - r.ok) / Math.max(1, calls);
}
