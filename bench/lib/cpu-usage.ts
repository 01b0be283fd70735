import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/** Clock ticks per second of /proc times (USER_HZ; 100 on every Linux build we run on). */
const HZ = 100;

/** CPU seconds (user + system) a process has used so far; NaN once it is gone. */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name may hold spaces: the fields we want follow its closing parenthesis
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / HZ;
  } catch {
    return NaN;
  }
}

/** Read and write system calls a process has made so far (sockets included); NaN once it is gone. */
export function processSyscalls(pid: number): { reads: number; writes: number } {
  try {
    const io = readFileSync(`/proc/${pid}/io`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}: (\\d+)$`, 'm').exec(io)?.[1] ?? NaN);
    return { reads: field('syscr'), writes: field('syscw') };
  } catch {
    return { reads: NaN, writes: NaN };
  }
}

/** Busy and total jiffies of the whole machine (all cores), from /proc/stat. */
function machineJiffies(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = cpu[3] + cpu[4];
  return { busy: total - idle, total };
}

export interface CpuWindow {
  seconds: number;
  /** Per named process: percent of one core used during the window. */
  processes: Record<string, number>;
  /** Per named process: read and write system calls during the window (a count, unlike CPU time not skewed by a busy machine). */
  syscalls: Record<string, { reads: number; writes: number }>;
  /** Whole machine: percent of all cores busy (anyone's work, not only ours). */
  machineBusyPct: number;
  /** 1-minute load average at the end of the window. */
  loadAvg1: number;
}

/** Starts measuring; call the returned function at the end of the window. */
export function measureCpu(pids: Record<string, number>): () => CpuWindow {
  const t0 = performance.now();
  const m0 = machineJiffies();
  const p0 = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, processCpuSeconds(pid)]));
  const s0 = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, processSyscalls(pid)]));
  return () => {
    const seconds = (performance.now() - t0) / 1000;
    const m1 = machineJiffies();
    const processes: Record<string, number> = {};
    const syscalls: Record<string, { reads: number; writes: number }> = {};
    for (const [k, pid] of Object.entries(pids)) {
      const used = processCpuSeconds(pid) - p0[k];
      if (Number.isFinite(used)) processes[k] = Math.round((used / seconds) * 1000) / 10;
      const io = processSyscalls(pid);
      if (Number.isFinite(io.writes)) syscalls[k] = { reads: io.reads - s0[k].reads, writes: io.writes - s0[k].writes };
    }
    const machineBusyPct = Math.round(((m1.busy - m0.busy) / Math.max(1, m1.total - m0.total)) * 1000) / 10;
    return { seconds: Math.round(seconds * 10) / 10, processes, syscalls, machineBusyPct, loadAvg1: Math.round(loadavg()[0] * 100) / 100 };
  };
}
