import request from 'supertest';
import { startAccounts, type Harness } from '../testing/accounts-harness';

describe('OpenAPI document', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startAccounts('openapi');
  });
  afterAll(() => h.close());

  it('is served at /docs/openapi.json and describes every resource', async () => {
    const res = await request(h.http).get('/docs/openapi.json');
    expect(res.status).toBe(200);
    const paths = Object.keys(res.body.paths);
    for (const p of [
      '/api/v1/auth/login',
      '/api/v1/tenant',
      '/api/v1/sites',
      '/api/v1/extensions',
      '/api/v1/extensions/{id}/reset-password',
      '/api/v1/sites/{siteId}/extensions/import',
      '/api/v1/sites/{siteId}/extensions/export',
      '/api/v1/registrations',
      '/api/v1/users',
      '/api/v1/api-keys',
      '/api/v1/gateways',
      '/api/v1/rate-decks/{deckId}/rates',
      '/api/v1/routes',
      '/api/v1/dialplan/explain',
      '/api/v1/dids',
      '/api/v1/conference-rooms',
      '/api/v1/cdrs',
      '/api/v1/reports/summary',
      '/api/v1/reports/top',
      '/api/v1/reports/cdrs',
      '/api/v1/reports/statement',
      '/api/v1/budgets',
      '/api/v1/budgets/{id}',
      '/api/v1/budgets/status',
      '/api/v1/reconciliations',
      '/api/v1/reconciliations/{id}',
      '/api/v1/reconciliations/{id}/rows',
      '/api/v1/audit-log',
      '/health',
    ]) {
      expect(paths).toContain(p);
    }
  });

  it('leaves the probes and the Prometheus scrape out: they are for infrastructure, not API clients', async () => {
    const res = await request(h.http).get('/docs/openapi.json');
    const paths = Object.keys(res.body.paths);
    for (const p of ['/metrics', '/health/live', '/health/ready', '/api/v1/metrics']) expect(paths).not.toContain(p);
  });

  it('documents request bodies with their validation rules', async () => {
    const res = await request(h.http).get('/docs/openapi.json');
    const create = res.body.paths['/api/v1/extensions'].post.requestBody.content['application/json'].schema;
    const ref = create.$ref.split('/').pop();
    const schema = res.body.components.schemas[ref];
    expect(schema.required).toEqual(expect.arrayContaining(['siteId', 'number', 'displayName']));
    expect(schema.properties.number.pattern).toBe('^\\d{2,8}$');
    expect(schema.properties.classOfService.enum).toContain('INTERNATIONAL');
  });

  it('documents the registrations list: its filters, its item shape and the 503 without a registrar', async () => {
    const res = await request(h.http).get('/docs/openapi.json');
    const op = res.body.paths['/api/v1/registrations'].get;
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['siteId', 'extensionId', 'page', 'pageSize']));
    expect(op.responses['503']).toBeDefined();
    const page = res.body.components.schemas[op.responses['200'].content['application/json'].schema.$ref.split('/').pop()];
    const item = page.properties.data.items;
    expect(Object.keys(item.properties)).toEqual(
      expect.arrayContaining(['extensionId', 'number', 'siteId', 'contact', 'source', 'userAgent', 'expiresAt', 'expiresInSeconds', 'registeredAt']),
    );
    expect(res.body.paths['/api/v1/extensions'].get.description).toContain('online');
  });

  it('documents dial-plan explain: its body, its answer and the 503 without routing', async () => {
    const res = await request(h.http).get('/docs/openapi.json');
    const op = res.body.paths['/api/v1/dialplan/explain'].post;
    const schema = (ref: string) => res.body.components.schemas[ref.split('/').pop() as string];
    const body = schema(op.requestBody.content['application/json'].schema.$ref);
    expect(body.required).toEqual(expect.arrayContaining(['extensionId', 'dialed']));
    const reply = schema(op.responses['200'].content['application/json'].schema.$ref);
    expect(Object.keys(reply.properties)).toEqual(
      expect.arrayContaining(['dialed', 'kind', 'normalised', 'category', 'classOfService', 'allowed', 'reason', 'route', 'gateways', 'callerId']),
    );
    expect(op.responses['422']).toBeDefined();
    expect(op.responses['503']).toBeDefined();
  });

  it('types money fields as a decimal string or a number, never as an array', async () => {
    const { schemas } = (await request(h.http).get('/docs/openapi.json')).body.components;
    for (const [dto, field] of [
      ['CreateRateDto', 'connectFee'],
      ['CreateRateDto', 'pricePerMinute'],
      ['UpdateRateDto', 'pricePerMinute'],
      ['CreateSiteDto', 'dailySpendLimit'],
      ['UpdateExtensionDto', 'dailySpendLimit'],
      ['CreateBudgetDto', 'amount'],
      ['UpdateBudgetDto', 'amount'],
    ]) {
      const prop = schemas[dto].properties[field];
      expect([dto, field, prop.type]).toEqual([dto, field, undefined]);
      expect(prop.anyOf).toEqual([expect.objectContaining({ type: 'string' }), expect.objectContaining({ type: 'number' })]);
    }
    expect(schemas.CreateSiteDto.properties.dailySpendLimit.anyOf).toEqual([
      expect.objectContaining({ type: 'string', nullable: true }),
      expect.objectContaining({ type: 'number', nullable: true }),
    ]);
  });

  it('documents budgets: the month format, the thresholds, and budget vs actual', async () => {
    const { paths, components } = (await request(h.http).get('/docs/openapi.json')).body;
    const create = components.schemas.CreateBudgetDto;
    expect(create.required).toEqual(expect.arrayContaining(['month', 'amount']));
    expect(create.properties.month).toMatchObject({ type: 'string', pattern: expect.stringContaining('\\d{4}') });
    expect(create.properties.thresholds).toMatchObject({ type: 'array', items: { type: 'integer' } });
    const status = components.schemas[paths['/api/v1/budgets/status'].get.responses['200'].content['application/json'].schema.$ref.split('/').pop()];
    expect(Object.keys(status.properties)).toEqual(['month', 'data']);
    expect(Object.keys(status.properties.data.items.properties)).toEqual(
      expect.arrayContaining(['amount', 'spent', 'remaining', 'percentUsed', 'thresholdsCrossed', 'timeZone', 'periodStart', 'periodEnd']),
    );
    expect(paths['/api/v1/budgets/status'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['month']);
  });

  it("types explain's nullable answers as nullable strings", async () => {
    const { schemas } = (await request(h.http).get('/docs/openapi.json')).body.components;
    for (const field of ['normalised', 'category', 'callerId']) {
      expect(schemas.ExplainReplyDto.properties[field]).toMatchObject({ type: 'string', nullable: true });
    }
  });

  it('serves the Swagger UI at /docs', async () => {
    const res = await request(h.http).get('/docs/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger-ui');
  });
});
