import { fork, spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSipServer, type RunningSipServer, type SipServerOptions } from '../../apps/sip-server/src/start-sip-server';
import { freePort, waitForUdpBound } from '../../libs/testing/src';
import { SIPP_DIR } from './sipp-load';

export type Mode = 'uas' | 'proxy' | 'b2bua';

/** sip-server (in this process), a drachtio-srf app (own process) and, for proxy/B2BUA, a sipp callee port. */
export interface Rig {
  mode: Mode;
  server: RunningSipServer;
  app: ChildProcess;
  calleePort?: number;
}

export async function startRig(mode: Mode, serverOptions: SipServerOptions = {}): Promise<Rig> {
  const server = await startSipServer({ rateLimitPerSource: 0, ...serverOptions });
  const calleePort = mode === 'uas' ? undefined : await freePort();
  const app = await startBenchApp(mode, server.drachtioPort, calleePort ? `sip:127.0.0.1:${calleePort}` : '');
  return { mode, server, app, calleePort };
}

export async function stopRig(rig: Rig): Promise<void> {
  rig.app.send('stop');
  await stopChild(rig.app);
  await rig.server.close();
}

/** The drachtio-srf app of `mode` in its own process, attached to the server at `drachtioPort`. */
export async function startBenchApp(mode: Mode, drachtioPort: number, target: string): Promise<ChildProcess> {
  const child = fork(join(__dirname, 'bench-app.ts'), [mode], {
    execArgv: ['-r', '@swc-node/register'],
    env: { ...process.env, DRACHTIO_PORT: String(drachtioPort), TARGET: target },
  });
  await new Promise<void>((r) => child.once('message', () => r()));
  return child;
}

/** A sipp UAS answering 180/200 on `port` (the proxy's or B2BUA's far end). */
export async function startCallee(port: number, bufferBytes?: number): Promise<ChildProcess> {
  const child = spawn(
    'sipp',
    [
      '-sf', join(SIPP_DIR, 'uas-basic.xml'), '-i', '127.0.0.1', '-p', String(port), '-nostdin', '-timeout', '900s',
      ...(bufferBytes ? ['-buff_size', String(bufferBytes)] : []),
    ],
    { stdio: 'ignore', cwd: tmpdir() },
  );
  await waitForUdpBound(port);
  return child;
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => {
    child.once('exit', () => r());
    child.kill('SIGTERM');
  });
}
