import type Srf from 'drachtio-srf';
import { startSipServer, type RunningSipServer, type SipServerOptions } from '../start-sip-server';
import { connectSrf, disconnectSrf } from './srf-harness';

/** Short RFC 3261 timers (T1 100 ms), so that 64*T1 timeouts fire within a test. */
export const TEST_TIMERS = { t1: 100, t2: 400, t4: 500 };

/** Filled in by the fixture's hooks: read it inside tests and hooks, not while a describe block is collected. */
export interface SipServerWithApp {
  server: RunningSipServer;
  /** one drachtio-srf app, connected and authenticated */
  srf: Srf;
}

/**
 * Starts sip-server on ephemeral loopback ports and connects one drachtio-srf app to it before
 * each test of the enclosing describe block (or once for the block, `'all'`), and disconnects
 * the app and closes the server after it. Call it in the describe block, before its own hooks:
 * those then run with the server up.
 */
export function useSipServerWithApp(options: SipServerOptions = { timers: TEST_TIMERS }, per: 'each' | 'all' = 'each'): SipServerWithApp {
  const bed = {} as SipServerWithApp;
  const [before, after] = per === 'each' ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    bed.server = await startSipServer(options);
    bed.srf = await connectSrf(bed.server.drachtioPort);
  });
  after(async () => {
    disconnectSrf(bed.srf);
    await bed.server.close();
  });
  return bed;
}
