import pino from 'pino';
import type Srf from 'drachtio-srf';
import { SipPhone, startSipServerProcess, waitFor, type SipServerProcess } from '@branchline/testing';
import { DrachtioConnections } from './drachtio-connections';
import { coalesceResponseWrites } from './write-coalescing';

/**
 * What `coalesceResponseWrites` relies on in drachtio-srf, checked against the real thing (sip-server
 * and a drachtio-srf app): a request carries the connection it came on, and drachtio-srf writes the
 * response to exactly that socket, synchronously in `res.send`. If an upgrade changes either, this fails.
 */
describe('coalesceResponseWrites against drachtio-srf and sip-server', () => {
  let server: SipServerProcess;
  let app: DrachtioConnections;
  const seen: { coalesced: boolean; corkedAfterFirst: number; corkedAfterSecond: number; corkedNextTick: number }[] = [];

  beforeAll(async () => {
    server = await startSipServerProcess();
    app = new DrachtioConnections({ servers: `127.0.0.1:${server.drachtioPort}`, secret: server.secret, logger: pino({ level: 'silent' }) });
    const held: [Srf.SrfRequest, Srf.SrfResponse][] = [];
    await app.connect((srf) =>
      srf.use('register', (req, res) => {
        if (req.getParsedHeader('From').uri.startsWith('sip:probe@')) return res.send(200);
        held.push([req, res]);
        if (held.length < 2) return;
        // Both answers in one tick, as a Redis reply releasing two registrations does.
        const [[req1, res1], [, res2]] = held.splice(0);
        const coalesced = coalesceResponseWrites(req1);
        const socket = (req1 as unknown as { socket: { writableCorked: number } }).socket;
        res1.send(200);
        const corkedAfterFirst = socket.writableCorked;
        res2.send(200);
        const corkedAfterSecond = socket.writableCorked;
        process.nextTick(() => seen.push({ coalesced, corkedAfterFirst, corkedAfterSecond, corkedNextTick: socket.writableCorked }));
      }),
    );
    // The app's route for REGISTER reaches sip-server just after the app is accepted: wait until it is in place.
    const probe = await SipPhone.open('probe', 'acme.test', { host: '127.0.0.1', port: server.sipPort });
    await waitFor(async () => ((await probe.register())?.status === 200 ? true : undefined), { what: 'the REGISTER route' }).finally(() => probe.close());
  }, 60_000);

  afterAll(async () => {
    app?.close();
    await server?.stop();
  });

  it('holds both answers of a tick on the drachtio connection and releases them together after it', async () => {
    const phones = await Promise.all(['1000', '1001'].map((u) => SipPhone.open(u, 'acme.test', { host: '127.0.0.1', port: server.sipPort })));
    try {
      const answers = await Promise.all(phones.map((p) => p.register({ timeoutMs: 5000 })));
      // Both phones got their 200: nothing held back for good.
      expect(answers.map((a) => a?.status)).toEqual([200, 200]);
      expect(seen).toEqual([{ coalesced: true, corkedAfterFirst: 1, corkedAfterSecond: 1, corkedNextTick: 0 }]);
    } finally {
      for (const p of phones) p.close();
    }
  });
});
