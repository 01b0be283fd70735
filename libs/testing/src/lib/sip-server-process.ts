import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from './sipp';

const ROOT = resolve(__dirname, '../../../..');

export interface SipServerProcess {
  sipPort: number;
  /** the TLS port, when the process was given a certificate (SIP_TLS_CERT_FILE) */
  tlsPort?: number;
  drachtioPort: number;
  secret: string;
  /** Sends the process a signal (SIGTERM drains it: see the sip-server README). */
  signal(name: NodeJS.Signals): void;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * Runs apps/sip-server as its own process on free loopback ports, the way
 * every SIP service's end-to-end tests need it. Resolves once it listens.
 */
export async function startSipServerProcess(env: Record<string, string> = {}): Promise<SipServerProcess> {
  const sipPort = await freePort();
  const drachtioPort = await freePort();
  // a certificate in env adds a TLS listener on a port of its own
  const tlsPort = env['SIP_TLS_CERT_FILE'] ? await freePort() : undefined;
  const secret = 'test-secret';
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', resolve(ROOT, 'apps/sip-server/src/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      SWC_NODE_PROJECT: resolve(ROOT, 'tsconfig.base.json'),
      SIP_LISTEN: `udp:127.0.0.1:${sipPort},tcp:127.0.0.1:${sipPort}${tlsPort ? `,tls:127.0.0.1:${tlsPort}` : ''}`,
      DRACHTIO_PORT: String(drachtioPort),
      DRACHTIO_SECRET: secret,
      LOG_LEVEL: 'info',
      // stop() ends a test at once, calls or not; a test of the drain sets its own
      SIP_DRAIN_TIMEOUT_SECONDS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`sip-server did not start:\n${output}`)), 20_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.includes('sip-server listening')) {
        clearTimeout(timer);
        ok();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`sip-server exited with ${code}:\n${output}`));
    });
  });
  // Keep draining its output so a chatty server never blocks on a full pipe.
  child.stdout?.removeAllListeners('data').resume();
  child.stderr?.removeAllListeners('data').resume();
  const exited = new Promise<number | null>((done) => {
    if (child.exitCode !== null) done(child.exitCode);
    else child.once('exit', (code) => done(code));
  });
  return {
    sipPort,
    tlsPort,
    drachtioPort,
    secret,
    signal: (name) => void child.kill(name),
    exited,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
