import request from 'supertest';
import { Events } from '@branchline/contracts';
import { captureRedisEvents, waitFor } from '@branchline/testing';
import { auth, createTenant, siteBody, startAccounts } from '../../testing/accounts-harness';

describe('events: the audit log is the outbox', () => {
  it('commits the change even when Redis is unreachable, and keeps the event for the relay', async () => {
    // Port 1 on loopback: nothing listens, so every publish fails fast.
    const h = await startAccounts('outbox-down', { REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const t = await createTenant(h);
      const res = await request(h.http).post('/api/v1/sites').set(auth(await t.token('ADMIN'))).send(siteBody());
      expect(res.status).toBe(201);
      const entry = await h.prisma.auditLog.findFirstOrThrow({ where: { tenantId: t.tenantId, action: Events.SiteCreated } });
      expect(entry.publishedAt).toBeNull();
      const health = await request(h.http).get('/health');
      expect(health.status).toBe(503);
      expect(health.body.details.redis.status).toBe('down');
    } finally {
      await h.close();
    }
  });

  it('relays events that were not published, then marks them published', async () => {
    const h = await startAccounts('outbox-relay');
    const capture = await captureRedisEvents([Events.GatewayCreated]);
    try {
      const t = await createTenant(h);
      const stranded = await h.prisma.auditLog.create({
        data: {
          tenantId: t.tenantId,
          actorType: 'SYSTEM',
          actorLabel: 'test',
          action: Events.GatewayCreated,
          entityType: 'gateway',
          entityId: 'gw-stranded',
          after: { name: 'stranded' },
          createdAt: new Date(Date.now() - 60_000),
        },
      });
      const event = await waitFor(
        () => capture.events.find((e) => (e.data as { entityId: string }).entityId === 'gw-stranded'),
        { what: 'the relayed event' },
      );
      expect(event.data).toMatchObject({ event: Events.GatewayCreated, tenantId: t.tenantId, data: { name: 'stranded' } });
      await waitFor(async () => (await h.prisma.auditLog.findUniqueOrThrow({ where: { id: stranded.id } })).publishedAt ?? undefined, {
        what: 'publishedAt',
      });
    } finally {
      await capture.close();
      await h.close();
    }
  });
});
