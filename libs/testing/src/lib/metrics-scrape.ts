/** One scrape of a Prometheus text endpoint, for asserting what counters did. */
export interface MetricsScrape {
  text: string;
  /**
   * The sum of every sample of `name` whose labels include `labels` (0 when none has them):
   * `value('x_total', { result: 'ok' })` whatever other labels (`service`) the series carry.
   */
  value(name: string, labels?: Record<string, string>): number;
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
  return {
    text,
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
