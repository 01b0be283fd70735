import Redis from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { Requests, type RegistrarListReply, type RegistrationView } from '@branchline/contracts';
import type { Binding } from '@branchline/location';
import { testRedisUrl, waitFor } from '@branchline/testing';
import { createPhones, startRegistrar, type RegistrarHarness } from '../testing/registrar-harness';

/**
 * registrar.list / registrar.lookup as a caller sees them on the wire: Nest's
 * Redis request packets on this file's own channel prefix.
 */
describe('registrar requests over Redis', () => {
  const bus = `t:ctl-${randomBytes(3).toString('hex')}:`;
  let h: RegistrarHarness;
  let pub: Redis;
  let sub: Redis;
  const replies = new Map<string, { response?: unknown; err?: unknown }>();
  let tenantId: string;

  /** Publishes a request the way Nest's ClientRedis does and waits for its reply. */
  async function ask<T>(pattern: string, data: unknown): Promise<{ response?: T; err?: unknown }> {
    const id = randomUUID();
    await pub.publish(`${bus}${pattern}`, JSON.stringify({ pattern, data, id }));
    return waitFor(() => replies.get(id) as { response?: T; err?: unknown } | undefined, { what: `a reply to ${pattern}` });
  }

  const binding = (contact: string): Binding => ({
    contact,
    source: { address: '127.0.0.1', port: 5070, transport: 'udp' },
    expiresAt: Date.now() + 300_000,
    registeredAt: Date.now(),
    callId: `cid-${contact}`,
    cseq: 1,
    userAgent: 'test-phone',
    registrar: 'registrar-test',
  });

  beforeAll(async () => {
    h = await startRegistrar('controller', { BUS_CHANNEL_PREFIX: bus });
    const tenant = await createPhones(h, 'ctl.example', ['1001', '1002', '1003'], 'Phone-Secret-2026!');
    tenantId = tenant.id;
    await h.location.apply(tenantId, '1003', [{ op: 'upsert', binding: binding('sip:1003@10.0.0.3') }]);
    await h.location.apply(tenantId, '1001', [{ op: 'upsert', binding: binding('sip:1001@10.0.0.1') }]);
    pub = new Redis(testRedisUrl());
    sub = new Redis(testRedisUrl());
    sub.on('message', (_channel: string, raw: string) => {
      const packet = JSON.parse(raw) as { id: string; response?: unknown; err?: unknown };
      if (!replies.has(packet.id) && ('response' in packet || 'err' in packet)) replies.set(packet.id, packet);
    });
    await sub.subscribe(`${bus}${Requests.RegistrarList}.reply`, `${bus}${Requests.RegistrarLookup}.reply`);
  });
  afterAll(async () => {
    pub?.disconnect();
    sub?.disconnect();
    await h?.close();
  });

  it('subscribes to its requests under its channel prefix only', async () => {
    const channels = ((await pub.pubsub('CHANNELS', `${bus}*`)) as string[]).filter((c) => !c.endsWith('.reply'));
    expect(channels.sort()).toEqual([`${bus}${Requests.RegistrarList}`, `${bus}${Requests.RegistrarLookup}`]);
  });

  it('lists every registered user of the tenant when no users are named', async () => {
    const { response } = await ask<RegistrarListReply>(Requests.RegistrarList, { tenantId });
    expect(response?.truncated).toBe(false);
    expect(response?.registrations.map((r) => [r.user, r.contact, r.userAgent])).toEqual([
      ['1001', 'sip:1001@10.0.0.1', 'test-phone'],
      ['1003', 'sip:1003@10.0.0.3', 'test-phone'],
    ]);
    expect(response?.registrations.every((r) => r.extensionId && r.tenantId === tenantId)).toBe(true);
  });

  it('lists only the named users', async () => {
    const { response } = await ask<RegistrarListReply>(Requests.RegistrarList, { tenantId, users: ['1003', '1002', '1003'] });
    expect(response?.registrations.map((r) => r.user)).toEqual(['1003']);
  });

  it('answers a malformed request with invalid-request and keeps serving', async () => {
    const { err } = await ask(Requests.RegistrarList, { users: ['1001'] });
    expect(err).toEqual({ code: 'invalid-request', message: expect.stringContaining('tenantId') });
    const { err: badUsers } = await ask(Requests.RegistrarList, { tenantId, users: 'all' });
    expect(badUsers).toMatchObject({ code: 'invalid-request', message: expect.stringContaining('users') });
    const { response } = await ask<RegistrationView[]>(Requests.RegistrarLookup, { tenantId, user: '1001' });
    expect(response?.map((r) => r.contact)).toEqual(['sip:1001@10.0.0.1']);
  });
});
