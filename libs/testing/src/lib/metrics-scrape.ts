import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** One scrape of a Prometheus text endpoint, for asserting what counters did. */
export interface MetricsScrape {
  text: string;
  /**
   * The sum of every sample of `name` whose labels include `labels` (0 when none has them):
   * `value('x_total', { result: 'ok' })` whatever other labels (`service`) the series carry.
   */
  value(name: string, labels?: Record<string, string>): number;
  /**
   * Whether the scrape declares `name` (a `# TYPE` line: a labelled metric has no sample before its
   * first event) or has a sample of it; `x_sum`, `x_count` and `x_bucket` belong to histogram `x`.
   */
  has(name: string): boolean;
}

const SAMPLE = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

export function parseMetrics(text: string): MetricsScrape {
  const samples = text
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .flatMap((line) => {
      const m = SAMPLE.exec(line);
      if (!m) return [];
      const labels: Record<string, string> = {};
      for (const [, k, v] of (m[2] ?? '').matchAll(LABEL)) labels[k] = v;
      return [{ name: m[1], labels, value: Number(m[3]) }];
    });
  const declared = new Set(text.split('\n').flatMap((l) => /^# TYPE (\S+) /.exec(l)?.slice(1) ?? []));
  return {
    text,
    has: (name) => declared.has(name) || declared.has(name.replace(/_(sum|count|bucket)$/, '')) || samples.some((s) => s.name === name),
    value: (name, want = {}) =>
      samples
        .filter((s) => s.name === name && Object.entries(want).every(([k, v]) => s.labels[k] === v))
        .reduce((sum, s) => sum + s.value, 0),
  };
}

/** GETs `<base>/metrics` and parses it; fails on anything but 200. */
export async function scrapeMetrics(base: string): Promise<MetricsScrape> {
  const res = await fetch(`${base}/metrics`);
  if (res.status !== 200) throw new Error(`GET ${base}/metrics answered ${res.status}`);
  return parseMetrics(await res.text());
}

const DASHBOARD = resolve(__dirname, '../../../../deploy/grafana/branchline.json');

/**
 * The metric names the Grafana dashboard (deploy/grafana/branchline.json) queries that start with
 * `prefix`: an app's test checks it serves every one, so the dashboard cannot drift from the code.
 */
export function dashboardMetrics(prefix: string): string[] {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: Array<{ targets?: Array<{ expr: string }> }> };
  const names = new Set<string>();
  for (const p of dashboard.panels) for (const t of p.targets ?? []) for (const [name] of t.expr.matchAll(/\b[a-z_][a-z0-9_]*\b/g)) if (name.startsWith(prefix)) names.add(name);
  return [...names].sort();
}
