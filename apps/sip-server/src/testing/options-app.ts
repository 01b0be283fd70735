/**
 * A drachtio-srf app that answers every OPTIONS (or other methods it is told to route) with
 * 200 (an INVITE: with a dialog, createUAS, telling its parent 'answered' and 'ended'), run in a process of its own as
 * apps are deployed: an app in the server's process would share its event loop and make
 * a flood cost the server twice. Used by the flood-fairness test and the flood benchmark.
 */
import { fork } from 'node:child_process';
import Srf = require('drachtio-srf');
import { SDP } from './srf-harness';

export interface AppProcess {
  /** INVITEs answered (dialogs created) and dialogs ended so far */
  calls: { answered: number; ended: number };
  stop(): Promise<void>;
}

/** Starts the app against the server's drachtio port; resolves once it has connected and routed `methods`. */
export function startOptionsAppProcess(drachtioPort: number, secret = 'cymru', methods: ('options' | 'message' | 'invite')[] = ['options']): Promise<AppProcess> {
  const child = fork(__filename, [String(drachtioPort), secret, methods.join(',')], { execArgv: ['-r', '@swc-node/register'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error('options app did not connect'));
    }, 15_000);
    const calls = { answered: 0, ended: 0 };
    child.on('message', (m) => {
      if (m === 'answered') calls.answered++;
      else if (m === 'ended') calls.ended++;
      else {
        clearTimeout(timer);
        resolve({ calls, stop });
      }
    });
    child.once('exit', (code) => reject(new Error(`options app exited with ${code}`)));
  });
}

if (require.main === module) {
  const srf = new Srf();
  srf.on('error', () => undefined);
  // routes are sent on authentication, before 'connect' is emitted
  const verbs = srf as unknown as Record<string, (h: (req: Srf.SrfRequest, res: Srf.SrfResponse) => void) => void>;
  for (const method of process.argv[4].split(',')) {
    if (method === 'invite') srf.invite((req, res) => void answerWithDialog(srf, req, res));
    else verbs[method].call(srf, (_req, res) => res.send(200));
  }
  srf.on('connect', () => process.send?.('ready'));
  srf.connect({ host: '127.0.0.1', port: Number(process.argv[2]), secret: process.argv[3] });
  process.on('disconnect', () => process.exit(0));
  async function answerWithDialog(app: Srf, req: Srf.SrfRequest, res: Srf.SrfResponse): Promise<void> {
    const dialog = await app.createUAS(req, res, { localSdp: SDP }).catch(() => null);
    if (!dialog) return;
    process.send?.('answered');
    dialog.on('destroy', () => process.send?.('ended'));
  }
  process.on('SIGTERM', () => {
    // (drachtio-srf throws when the server has gone already, as after a drain)
    try {
      srf.disconnect();
    } finally {
      process.exit(0);
    }
  });
}
