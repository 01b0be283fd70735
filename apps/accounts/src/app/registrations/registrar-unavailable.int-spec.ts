import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { Requests } from '@branchline/contracts';
import { testRedisUrl, waitFor } from '@branchline/testing';
import { auth, createTenant, siteBody, startAccounts, type Harness } from '../../testing/accounts-harness';

const TIMEOUT_MS = 500;

/**
 * Without a registrar the API degrades instead of hanging: registrations
 * answer 503 problem+json, extension lists are still served with
 * `online: null`. "Down" is no registrar on this file's own channels;
 * "hung" is a subscriber on them that never answers, as a wedged registrar.
 */
describe('registrations when the registrar is down or hung', () => {
  const bus = `t:regs-down-${randomBytes(3).toString('hex')}:`;
  let h: Harness;
  let admin: string;
  let extensionId: string;

  beforeAll(async () => {
    h = await startAccounts('registrar-down', { BUS_CHANNEL_PREFIX: bus, REGISTRAR_TIMEOUT_MS: String(TIMEOUT_MS) });
    const t = await createTenant(h);
    admin = await t.token('ADMIN');
    const site = await request(h.http).post('/api/v1/sites').set(auth(admin)).send(siteBody());
    const ext = await request(h.http)
      .post('/api/v1/extensions')
      .set(auth(admin))
      .send({ siteId: site.body.id, number: String(site.body.extensionRangeStart), displayName: 'Lena Wolf' });
    extensionId = ext.body.id;
  });
  afterAll(() => h.close());

  const timed = async (path: string) => {
    const started = Date.now();
    const res = await request(h.http).get(`/api/v1${path}`).set(auth(admin));
    return { res, ms: Date.now() - started };
  };

  describe('with no registrar running', () => {
    it('answers 503 problem+json at once, without waiting for the timeout', async () => {
      const { res } = await timed('/registrations');
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      // Nobody subscribed to the request channel: no request is sent, so no timeout is waited for.
      expect(res.body).toMatchObject({ status: 503, title: 'Service Unavailable', detail: 'The registrar is unavailable: no registrar is listening' });
    });

    it('still lists extensions, with online and registrations null', async () => {
      const list = await request(h.http).get('/api/v1/extensions').set(auth(admin));
      expect(list.status).toBe(200);
      expect(list.body.data).toEqual([expect.objectContaining({ id: extensionId, online: null, registrations: null })]);
      const one = await request(h.http).get(`/api/v1/extensions/${extensionId}`).set(auth(admin));
      expect(one.body).toMatchObject({ id: extensionId, online: null, registrations: null });
    });
  });

  describe('with a registrar that never answers', () => {
    let silent: Redis;
    beforeAll(async () => {
      silent = new Redis(testRedisUrl());
      await silent.subscribe(`${bus}${Requests.RegistrarList}`);
      const probe = new Redis(testRedisUrl());
      await waitFor(async () => Number(((await probe.pubsub('NUMSUB', `${bus}${Requests.RegistrarList}`)) as [string, number])[1]) > 0);
      probe.disconnect();
    });
    afterAll(() => silent.disconnect());

    it('answers 503 problem+json after the timeout instead of hanging', async () => {
      const { res, ms } = await timed('/registrations');
      expect(res.status).toBe(503);
      expect(res.body.detail).toBe(`The registrar is unavailable: no answer within ${TIMEOUT_MS} ms`);
      expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
      expect(ms).toBeLessThan(TIMEOUT_MS + 10_000);
    });

    it('serves the extensions list after the timeout, with online null', async () => {
      const { res } = await timed('/extensions');
      expect(res.status).toBe(200);
      expect(res.body.data[0]).toMatchObject({ id: extensionId, online: null });
    });
  });
});
