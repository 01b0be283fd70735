import { Counter } from 'prom-client';
import { OpsServer } from './ops-server';
import { createServiceRegistry } from './service-registry';
import { scrapedGauge } from './scraped-gauge';

describe('OpsServer', () => {
  const registry = createServiceRegistry('unit-test');
  const hits = new Counter({ name: 'unit_hits_total', help: 'hits', registers: [registry] });
  let drachtioUp = true;
  let depth: () => Promise<number> = async () => 3;
  scrapedGauge({ name: 'unit_spool_depth', help: 'depth', registry, read: () => depth(), timeoutMs: 50 });
  const server = new OpsServer({ registry, checks: { drachtio: () => drachtioUp }, checkTimeoutMs: 100, host: '127.0.0.1', port: 0 });
  let base: string;

  beforeAll(async () => {
    base = `http://127.0.0.1:${await server.listen()}`;
  });
  afterAll(() => server.close());

  it('serves the registry as Prometheus text, every series labelled with the service', async () => {
    hits.inc(2);
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('unit_hits_total{service="unit-test"} 2');
    expect(text).toMatch(/nodejs_eventloop_lag_seconds\{service="unit-test"\} [\d.e-]+/);
    expect(text).toContain('nodejs_gc_duration_seconds');
    expect(text).toContain('nodejs_heap_size_used_bytes{service="unit-test"}');
  });

  it('reads a scraped gauge at scrape time, and reports NaN when its read fails or is late', async () => {
    depth = async () => 5;
    expect(await (await fetch(`${base}/metrics`)).text()).toContain('unit_spool_depth{service="unit-test"} 5');
    depth = () => new Promise(() => undefined);
    const late = await fetch(`${base}/metrics`);
    expect(late.status).toBe(200);
    expect(await late.text()).toContain('unit_spool_depth{service="unit-test"} Nan');
    depth = () => Promise.reject(new Error('redis down'));
    expect(await (await fetch(`${base}/metrics`)).text()).toContain('unit_spool_depth{service="unit-test"} Nan');
  });

  it('answers liveness whatever the dependencies say', async () => {
    drachtioUp = false;
    const res = await fetch(`${base}/health/live`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers readiness 200 when every check is up and 503 naming the one down', async () => {
    drachtioUp = true;
    const up = await fetch(`${base}/health/ready`);
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: 'ok', checks: { drachtio: { status: 'up' } } });
    drachtioUp = false;
    const down = await fetch(`${base}/health/ready`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unavailable', checks: { drachtio: { status: 'down', error: 'not connected' } } });
  });

  it('answers 404 elsewhere and 405 to anything but GET and HEAD', async () => {
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(405);
    const head = await fetch(`${base}/health/live`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('refuses to start on a port already taken', async () => {
    const port = Number(new URL(base).port);
    const second = new OpsServer({ registry, checks: {}, checkTimeoutMs: 100, host: '127.0.0.1', port });
    await expect(second.listen()).rejects.toThrow(/EADDRINUSE/);
  });
});
