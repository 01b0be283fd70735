import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { dashboardMetrics, parseMetrics } from '@branchline/testing';
import { auth, createTenant, siteBody, startAccounts, type Harness } from '../../testing/accounts-harness';

const DURATION = 'branchline_http_request_duration_seconds_count';

describe('health probes and /metrics of the accounts API', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startAccounts('health');
  });
  afterAll(() => h.close());

  const scrape = async () => {
    const res = await request(h.http).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    return parseMetrics(res.text);
  };

  it('answers liveness, readiness with each dependency, and the old /health as before', async () => {
    const live = await request(h.http).get('/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok' });
    const ready = await request(h.http).get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ok', checks: { postgres: { status: 'up' }, redis: { status: 'up' } } });
    const old = await request(h.http).get('/health');
    expect(old.status).toBe(200);
    expect(old.body).toMatchObject({ status: 'ok', info: { postgres: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('times a request under its route template and status, never under its URL with the id', async () => {
    const t = await createTenant(h);
    const A = auth(await t.token('ADMIN'));
    const site = await request(h.http).post('/api/v1/sites').set(A).send(siteBody());
    expect(site.status).toBe(201);
    const before = await scrape();
    expect((await request(h.http).get(`/api/v1/sites/${site.body.id}`).set(A)).status).toBe(200);
    const unknown = randomUUID();
    expect((await request(h.http).get(`/api/v1/sites/${unknown}`).set(A)).status).toBe(404);
    expect((await request(h.http).get('/api/v1/sites')).status).toBe(401);
    expect((await request(h.http).get('/api/v1/no-such-thing')).status).toBe(404);
    expect((await request(h.http).post('/api/v1/sites').set(A).set('Content-Type', 'application/json').send('{not json')).status).toBe(400);
    const after = await scrape();
    const moved = (labels: Record<string, string>) => after.value(DURATION, labels) - before.value(DURATION, labels);
    expect(moved({ method: 'GET', route: '/api/v1/sites/:id', status: '200' })).toBe(1);
    expect(moved({ method: 'GET', route: '/api/v1/sites/:id', status: '404' })).toBe(1);
    expect(moved({ method: 'GET', route: '/api/v1/sites', status: '401' })).toBe(1);
    // an unknown path under the prefix meets Nest's own catch-all route
    expect(moved({ method: 'GET', route: '/api/v1/{*path}', status: '404' })).toBe(1);
    // a body the JSON parser refuses never reaches a route
    expect(moved({ method: 'POST', route: '(unmatched)', status: '400' })).toBe(1);
    // the scrape before this one is timed too, under its own route
    expect(moved({ route: '/metrics', status: '200' })).toBe(1);
    expect(after.text).not.toContain(site.body.id);
    expect(after.text).not.toContain(unknown);
    expect(after.text).not.toContain('no-such-thing');
    expect(after.value('nodejs_eventloop_lag_p99_seconds', { service: 'accounts' })).toBeGreaterThan(0);
    const queried = dashboardMetrics('branchline_http_');
    expect(queried.length).toBeGreaterThanOrEqual(2);
    expect(queried.filter((name) => !after.has(name))).toEqual([]);
  });

  it('is not ready while Redis is unreachable, and says which dependency is down', async () => {
    const noRedis = await startAccounts('health-no-redis', { REDIS_URL: 'redis://127.0.0.1:1', READINESS_TIMEOUT_MS: '500' });
    try {
      const ready = await request(noRedis.http).get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toEqual({ status: 'unavailable', checks: { postgres: { status: 'up' }, redis: { status: 'down', error: expect.any(String) } } });
      expect((await request(noRedis.http).get('/health/live')).status).toBe(200);
    } finally {
      await noRedis.close();
    }
  });

  it('wants the bearer token for /metrics when METRICS_TOKEN is set', async () => {
    const token = 'metrics-token-0123456789abcdef-0123456789';
    const guarded = await startAccounts('health-token', { METRICS_TOKEN: token });
    try {
      expect((await request(guarded.http).get('/metrics')).status).toBe(401);
      expect((await request(guarded.http).get('/metrics').set({ Authorization: 'Bearer wrong' })).status).toBe(401);
      const ok = await request(guarded.http).get('/metrics').set({ Authorization: `Bearer ${token}` });
      expect(ok.status).toBe(200);
      expect(ok.text).toContain('branchline_http_request_duration_seconds');
    } finally {
      await guarded.close();
    }
  });
});
