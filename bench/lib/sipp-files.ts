import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The last row of sipp's -trace_stat file in `dir`, by column name (cumulative counters end in "(C)"). */
export function readSippStats(dir: string): Record<string, string> {
  const file = readdirSync(dir).find((f) => f.endsWith('stat.csv'));
  if (!file) return {};
  const lines = readFileSync(join(dir, file), 'utf8').trim().split('\n');
  const head = lines[0].split(';');
  const last = lines[lines.length - 1].split(';');
  return Object.fromEntries(head.map((h, i) => [h, last[i]]));
}

/**
 * Calls sipp started per second while it was placing them (needs `-fd 1`): the mean over the full
 * one-second periods between its first and last period with a new call (those two are partial).
 * Unlike calls / wall time, the hold time and the last calls' teardown do not count against the rate.
 */
export function sippPlacingRate(dir: string): number {
  const file = readdirSync(dir).find((f) => f.endsWith('stat.csv'));
  if (!file) return 0;
  const lines = readFileSync(join(dir, file), 'utf8').trim().split('\n');
  const col = lines[0].split(';').indexOf('OutgoingCall(P)');
  const perPeriod = lines.slice(1).map((l) => Number(l.split(';')[col]) || 0);
  const first = perPeriod.findIndex((n) => n > 0);
  const last = perPeriod.length - 1 - [...perPeriod].reverse().findIndex((n) => n > 0);
  if (first < 0) return 0;
  const full = last - first - 1 >= 1 ? perPeriod.slice(first + 1, last) : perPeriod.slice(first, last + 1);
  return full.reduce((a, b) => a + b, 0) / full.length;
}

/** Response times (ms) by rtd name from sipp's -trace_rtt files in `dir`. */
export function readSippRtts(dir: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const f of readdirSync(dir).filter((x) => x.endsWith('_rtt.csv'))) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n').slice(1)) {
      const [, ms, name] = line.trim().split(';');
      const v = Number(ms);
      if (!name || !Number.isFinite(v)) continue;
      const list = out.get(name) ?? [];
      list.push(v);
      out.set(name, list);
    }
  }
  return out;
}

/** sipp's failure counters that were not zero (FailedUnexpectedMessage, FailedMaxUDPRetrans, ...), without "Failed" and "(C)". */
export function sippFailures(stats: Record<string, string>): Record<string, number> {
  return Object.fromEntries(
    Object.keys(stats)
      .filter((k) => k.startsWith('Failed') && k.endsWith('(C)') && k !== 'FailedCall(C)' && Number(stats[k]) > 0)
      .map((k) => [k.slice('Failed'.length, -3), Number(stats[k])]),
  );
}

/** The p-th percentile of an ascending list (nearest rank); NaN when empty. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
