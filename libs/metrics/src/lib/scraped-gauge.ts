import { Gauge, type Registry } from 'prom-client';
import { withTimeout } from './readiness';

export interface ScrapedGaugeOptions {
  name: string;
  help: string;
  registry: Registry;
  /** Reads the value at scrape time (one cheap command: XLEN, ZCOUNT). */
  read: () => Promise<number>;
  timeoutMs: number;
}

/**
 * A gauge whose value is read when Prometheus scrapes, for state that lives
 * outside the process (a Redis stream's length). When the read fails or is
 * late the gauge reports NaN: an unknown value, never a stale one that looks
 * current, and never a failed scrape of every other metric.
 */
export function scrapedGauge(o: ScrapedGaugeOptions): Gauge {
  return new Gauge({
    name: o.name,
    help: o.help,
    registers: [o.registry],
    async collect() {
      try {
        this.set(await withTimeout(o.read(), o.timeoutMs));
      } catch {
        this.set(NaN);
      }
    },
  });
}
