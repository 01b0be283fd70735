/** @jest-environment node */
import { createApiClient, queryString } from './client';
import { ApiError } from './problem';

/** A fetch that records its calls and answers what the test says (the real API is exercised by the browser tests). */
function fakeFetch(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = async (url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(status === 204 ? null : text, { status, headers: { 'Content-Type': 'application/json', ...headers } });
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

describe('api client', () => {
  it('sends the bearer token, fills path parameters and leaves empty query values out', async () => {
    const f = fakeFetch(200, { id: 'e1' });
    const api = createApiClient({ token: () => 'tok', fetch: f.fetch });
    await api.patch('/api/v1/extensions/{id}', { path: { id: 'a/b' }, body: { displayName: 'X' } });
    expect(f.calls[0].url).toBe('/api/v1/extensions/a%2Fb');
    expect(f.calls[0].init.method).toBe('PATCH');
    expect((f.calls[0].init.headers as Record<string, string>)['Authorization']).toBe('Bearer tok');
    expect(f.calls[0].init.body).toBe('{"displayName":"X"}');
    expect(queryString({ page: 2, q: undefined, siteId: '' })).toBe('?page=2&siteId=');
  });

  it('turns problem+json into an ApiError with each field reason at its top-level field', async () => {
    const problem = { title: 'Conflict', status: 409, detail: 'Number 1001 is already in use', 'invalid-params': [{ name: 'number', reason: 'is already in use' }, { name: 'rows.3.number', reason: 'bad' }] };
    const api = createApiClient({ token: () => 'tok', fetch: fakeFetch(409, problem, { 'Content-Type': 'application/problem+json' }).fetch });
    const error = await api.post('/api/v1/extensions', { body: { siteId: 's', number: '1001', displayName: 'A', classOfService: 'NATIONAL', enabled: true } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, title: 'Conflict', message: 'Number 1001 is already in use', fieldErrors: { number: 'is already in use', rows: 'bad' } });
  });

  it('ends the session on a 401 to a request that carried a token, but not on a failed login', async () => {
    let ended = 0;
    const withToken = createApiClient({ token: () => 'expired', onUnauthorized: () => ended++, fetch: fakeFetch(401, { title: 'Unauthorized', status: 401 }).fetch });
    await expect(withToken.get('/api/v1/auth/me')).rejects.toMatchObject({ status: 401 });
    const loggingIn = createApiClient({ token: () => null, onUnauthorized: () => ended++, fetch: fakeFetch(401, { title: 'Unauthorized', status: 401 }).fetch });
    await expect(loggingIn.post('/api/v1/auth/login', { body: { email: 'a@b.c', password: 'x' } })).rejects.toMatchObject({ status: 401 });
    expect(ended).toBe(1);
  });

  it('keeps the status of an error answer that is not problem+json', async () => {
    const api = createApiClient({ token: () => null, fetch: fakeFetch(502, '<html>bad gateway</html>').fetch });
    await expect(api.get('/api/v1/tenant')).rejects.toMatchObject({ status: 502, fieldErrors: {} });
  });

  it('downloads a file under the name the API gives it', async () => {
    const api = createApiClient({ token: () => 't', fetch: fakeFetch(200, 'a,b\r\n', { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="report-summary-2026-11-01-2026-11-30.csv"' }).fetch });
    const file = await api.download('/api/v1/reports/summary', { from: '2026-11-01', to: '2026-11-30', groupBy: 'site', format: 'csv' }, 'text/csv', 'fallback.csv');
    expect(file.filename).toBe('report-summary-2026-11-01-2026-11-30.csv');
    expect(await file.blob.text()).toBe('a,b\r\n');
  });
});
