import { computeHa1 } from '@branchline/digest';
import { createPrismaClient } from '@branchline/db';
import {
  createTestDatabase,
  freePort,
  runSipp,
  startRegistrarProcess,
  startRoutingProcess,
  startSipServerProcess,
  waitFor,
  type RegistrarProcess,
  type RoutingProcess,
  type SipServerProcess,
  type TestDatabase,
} from '@branchline/testing';
import { callCsv } from '../testing/routing-harness';

/** Routing as its own process (main.ts, env config), as other services' tests and dev.sh start it. */
describe('routing as a process', () => {
  let db: TestDatabase;
  let sip: SipServerProcess;
  let registrar: RegistrarProcess;
  let routing: RoutingProcess;

  beforeAll(async () => {
    db = await createTestDatabase('routing-process');
    sip = await startSipServerProcess();
    registrar = await startRegistrarProcess({ databaseUrl: db.url, sip });
    routing = await startRoutingProcess({ databaseUrl: db.url, sip, redisPrefix: registrar.redisPrefix });
    const prisma = createPrismaClient(db.url);
    const tenant = await prisma.tenant.create({ data: { name: 'proc', slug: 'proc', sipDomain: 'proc.test', countryCode: 'DE' } });
    const site = await prisma.site.create({
      data: { tenantId: tenant.id, name: 'HQ', code: 'HQ', extensionRangeStart: 1000, extensionRangeEnd: 1999, countryCode: 'DE', countryCallingCode: '49', areaCode: '30' },
    });
    for (const number of ['1000', '1001']) {
      await prisma.extension.create({
        data: {
          tenantId: tenant.id,
          siteId: site.id,
          number,
          displayName: number,
          sipUsername: number,
          ha1Md5: computeHa1('MD5', number, 'proc.test', 'Pw-2026!'),
          ha1Sha256: computeHa1('SHA-256', number, 'proc.test', 'Pw-2026!'),
          sipPasswordEnc: 'unused',
        },
      });
    }
    await prisma.$disconnect();
  }, 120_000);
  afterAll(async () => {
    await routing?.stop();
    await registrar?.stop();
    await sip?.stop();
    await db?.drop();
  });

  it('authenticates a caller, answers 480 for an unregistered callee and writes the CDR', async () => {
    const r = await runSipp({
      scenario: 'routing/call-unavailable.xml',
      remote: `127.0.0.1:${sip.sipPort}`,
      localPort: await freePort(),
      calls: 1,
      extraArgs: ['-inf', callCsv('1000', 'proc.test', 'Pw-2026!', '1001')],
      timeoutSeconds: 20,
    });
    expect(r.code).toBe(0);
    const rows = await waitFor(async () => {
      const found = await db.query<{ disposition: string; sip_status: number }>('SELECT disposition, sip_status FROM cdrs');
      return found.length ? found : undefined;
    });
    expect(rows).toEqual([{ disposition: 'NO_ANSWER', sip_status: 480 }]);
  });
});
