import request from 'supertest';
import { Events } from '@branchline/contracts';
import { captureRedisEvents, waitFor } from '@branchline/testing';
import { auth, startAccounts, type Harness } from '../../testing/accounts-harness';

const TOKEN = 'platform-operator-token-0123456789abcdef';

describe('platform operator: tenants', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startAccounts('platform', { PLATFORM_TOKEN: TOKEN });
  });
  afterAll(() => h.close());

  const body = (slug: string) => ({
    name: `Firma ${slug}`,
    slug,
    sipDomain: `${slug}.example`,
    countryCode: 'AT',
    currency: 'EUR',
    admin: { email: `it@${slug}.example`, name: 'IT', password: 'Operator-Chosen-1' },
  });

  it('creates a tenant with its first admin, who can log in at once', async () => {
    const capture = await captureRedisEvents([Events.TenantCreated]);
    try {
      const res = await request(h.http).post('/api/v1/platform/tenants').set('X-Platform-Token', TOKEN).send(body('wien'));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ slug: 'wien', sipDomain: 'wien.example', countryCode: 'AT' });
      const login = await request(h.http).post('/api/v1/auth/login').send({ email: 'it@wien.example', password: 'Operator-Chosen-1' });
      expect(login.status).toBe(200);
      const me = await request(h.http).get('/api/v1/auth/me').set(auth(login.body.accessToken));
      expect(me.body).toMatchObject({ tenantId: res.body.id, role: 'ADMIN' });
      const audit = await request(h.http).get('/api/v1/audit-log').set(auth(login.body.accessToken));
      expect(audit.body.data[0]).toMatchObject({ action: 'tenant.created', actorType: 'SYSTEM', actorLabel: 'platform-operator' });
      await waitFor(() => capture.events.find((e) => (e.data as { entityId: string }).entityId === res.body.id), { what: 'tenant.created' });
    } finally {
      await capture.close();
    }
  });

  it('refuses a wrong or missing token, and a duplicate slug, domain or admin e-mail', async () => {
    expect((await request(h.http).get('/api/v1/platform/tenants')).status).toBe(401);
    expect((await request(h.http).get('/api/v1/platform/tenants').set('X-Platform-Token', 'x'.repeat(40))).status).toBe(401);
    await request(h.http).post('/api/v1/platform/tenants').set('X-Platform-Token', TOKEN).send(body('graz'));
    const dup = await request(h.http).post('/api/v1/platform/tenants').set('X-Platform-Token', TOKEN).send(body('graz'));
    expect(dup.status).toBe(409);
    const bad = await request(h.http).post('/api/v1/platform/tenants').set('X-Platform-Token', TOKEN).send({ ...body('linz'), sipDomain: 'not a domain' });
    expect(bad.status).toBe(422);
    expect(bad.body['invalid-params'][0].name).toBe('sipDomain');
  });

  it('deletes a tenant and all it owns only when its slug is repeated', async () => {
    const created = await request(h.http).post('/api/v1/platform/tenants').set('X-Platform-Token', TOKEN).send(body('salzburg'));
    const id = created.body.id;
    const unconfirmed = await request(h.http).delete(`/api/v1/platform/tenants/${id}`).query({ confirm: 'wrong' }).set('X-Platform-Token', TOKEN);
    expect(unconfirmed.status).toBe(422);
    const ok = await request(h.http).delete(`/api/v1/platform/tenants/${id}`).query({ confirm: 'salzburg' }).set('X-Platform-Token', TOKEN);
    expect(ok.status).toBe(204);
    expect(await h.prisma.tenant.findUnique({ where: { id } })).toBeNull();
    expect(await h.prisma.user.count({ where: { tenantId: id } })).toBe(0);
  });
});

describe('platform API without PLATFORM_TOKEN', () => {
  it('does not exist', async () => {
    const h = await startAccounts('platform-off');
    try {
      const res = await request(h.http).get('/api/v1/platform/tenants').set('X-Platform-Token', TOKEN);
      expect(res.status).toBe(404);
    } finally {
      await h.close();
    }
  });
});
