import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  name: string;
  pct: number;
}

export interface ProfileSummary {
  /** Share of the sampled time spent running anything (not idle). */
  busyPct: number;
  /** Functions by self time, as a percentage of busy time. */
  functions: ProfileEntry[];
  /** The same time grouped by where the code lives: a package, our code, node internals, GC. */
  places: ProfileEntry[];
}

/** Where a frame's code lives: `node_modules/<pkg>`, `ours:<file>`, `node:<module>` or a V8 pseudo-frame. */
function placeOf(url: string, fn: string): string {
  if (!url) return `(${fn.replace(/[()]/g, '') || 'native'})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return url;
  // the production build bundles our apps and libs into dist/apps/<app>/main.js
  const bundle = /dist\/apps\/([^/]+)\/main\.js$/.exec(url);
  if (bundle) return `ours:${bundle[1]}`;
  return url.replace(/^file:\/\//, '');
}

/** Summarises a `.cpuprofile` (node --cpu-prof) by self time. */
export function summariseCpuProfile(file: string, top = 15): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
  const fns = new Map<string, number>();
  const places = new Map<string, number>();
  let busy = 0;
  let total = 0;
  for (const [id, us] of self) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const { functionName, url, lineNumber } = frame;
    total += us;
    if (functionName === '(idle)') continue;
    busy += us;
    const place = placeOf(url, functionName);
    const fn = `${functionName || '(anonymous)'} ${place}${url ? `:${lineNumber + 1}` : ''}`;
    fns.set(fn, (fns.get(fn) ?? 0) + us);
    places.set(place, (places.get(place) ?? 0) + us);
  }
  const rank = (m: Map<string, number>): ProfileEntry[] =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, pct: Math.round((us / Math.max(1, busy)) * 1000) / 10 }));
  return { busyPct: Math.round((busy / Math.max(1, total)) * 1000) / 10, functions: rank(fns), places: rank(places) };
}

/** Prints where each named process's time went, from `<dir>/<name>.cpuprofile` (`node --cpu-prof`). */
export function printCpuProfiles(dir: string, names: string[], top: number): void {
  for (const name of names) {
    const s = summariseCpuProfile(join(dir, `${name}.cpuprofile`), top);
    process.stdout.write(`\n${name}: busy ${s.busyPct}% of the profile\n  by place:\n`);
    process.stdout.write(s.places.map((e) => `    ${String(e.pct).padStart(5)}%  ${e.name}`).join('\n') + '\n  by function (self time):\n');
    process.stdout.write(s.functions.map((e) => `    ${String(e.pct).padStart(5)}%  ${e.name}`).join('\n') + '\n');
  }
}
