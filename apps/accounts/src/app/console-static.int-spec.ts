import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startAccounts, type Harness } from '../testing/accounts-harness';

/** accounts serves a built console at / (with client-side routes), and nothing of it when there is no build. */
describe('the web console served by accounts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'console-build-'));
  let h: Harness;
  let without: Harness;
  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Branchline console</title>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'export {};');
    writeFileSync(join(dir, 'robots.txt'), 'User-agent: *');
    h = await startAccounts('console-static', { CONSOLE_DIR: dir });
    without = await startAccounts('console-static-none', { CONSOLE_DIR: join(dir, 'missing') });
  });
  afterAll(async () => {
    await h?.close();
    await without?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers / and every client-side route with index.html, not cached, under a content security policy', async () => {
    for (const path of ['/', '/extensions', '/reports/summary']) {
      const res = await request(h.http).get(path);
      expect(res.status).toBe(200);
      expect(res.type).toBe('text/html');
      expect(res.text).toContain('Branchline console');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    }
  });

  it('serves the hashed bundles as immutable files and 404s a missing one instead of answering index.html', async () => {
    const js = await request(h.http).get('/assets/index-abc123.js');
    expect(js.status).toBe(200);
    expect(js.type).toMatch(/javascript/);
    expect(js.headers['cache-control']).toContain('immutable');
    expect((await request(h.http).get('/assets/index-gone.js')).status).toBe(404);
    expect((await request(h.http).get('/robots.txt')).text).toBe('User-agent: *');
  });

  it('leaves the API, the documents and the health check to accounts', async () => {
    const api = await request(h.http).get('/api/v1/no-such-thing');
    expect(api.status).toBe(404);
    expect(api.type).toBe('application/problem+json');
    expect((await request(h.http).get('/api/v1/sites')).status).toBe(401);
    expect((await request(h.http).get('/health')).type).toBe('application/json');
    const served = await request(h.http).get('/docs/openapi.json');
    const plain = await request(without.http).get('/docs/openapi.json');
    expect(served.body).toEqual(plain.body);
  });

  it('serves no console when the directory holds no build', async () => {
    expect((await request(without.http).get('/')).status).toBe(404);
    expect((await request(without.http).get('/extensions')).status).toBe(404);
  });
});
