import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Events, type RegistrationEvent } from '@branchline/contracts';
import { captureRedisEvents, freePort, waitFor, type CapturedEvent } from '@branchline/testing';
import { createPhones, startRegistrar, type RegistrarHarness } from '../testing/registrar-harness';

const PASSWORD = 'Phone-Secret-2026!';
const DOMAIN = 'bare.example';

interface Baresip {
  child: ChildProcessWithoutNullStreams;
  output(): string;
  port: number;
}

/** A headless baresip softphone with its own config directory, registering through `proxyPort`. */
async function startBaresip(user: string, password: string, proxyPort: number): Promise<Baresip> {
  const dir = mkdtempSync(join(tmpdir(), 'baresip-'));
  const port = await freePort();
  writeFileSync(
    join(dir, 'config'),
    [
      `sip_listen 127.0.0.1:${port}`,
      'module_path /usr/lib/baresip/modules',
      // stdio is the keyboard UI: "q" on stdin quits (and unregisters).
      'module stdio.so',
      'module g711.so',
      'module_app account.so',
      'module_app menu.so',
      'audio_player aufile,/dev/null',
      'audio_source aufile,/dev/null',
      'audio_alert aufile,/dev/null',
    ].join('\n') + '\n',
  );
  writeFileSync(
    join(dir, 'accounts'),
    `<sip:${user}@${DOMAIN}>;auth_pass=${password};outbound="sip:127.0.0.1:${proxyPort};transport=udp";regint=600\n`,
  );
  const child = spawn('baresip', ['-4', '-f', dir], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return { child, output: () => output, port };
}

/** baresip, a real softphone, registering with the registrar through the sip-server. */
describe('a baresip softphone registers', () => {
  let h: RegistrarHarness;
  let tenantId: string;
  let phone: Baresip | undefined;
  let captured: { events: CapturedEvent[]; close(): Promise<void> };

  beforeAll(async () => {
    h = await startRegistrar('baresip');
    tenantId = (await createPhones(h, DOMAIN, ['2001'], PASSWORD)).id;
    captured = await captureRedisEvents([Events.RegistrationAdded, Events.RegistrationRemoved]);
  });
  afterAll(async () => {
    phone?.child.kill('SIGKILL');
    await captured.close();
    await h.close();
  });

  const events = (pattern: string) =>
    captured.events.filter((e) => e.pattern === pattern && (e.data as RegistrationEvent).registration.tenantId === tenantId).map((e) => e.data as RegistrationEvent);

  it('registers with digest auth, is found at the address its packets came from, and unregisters when it quits', async () => {
    phone = await startBaresip('2001', PASSWORD, h.sip.sipPort);
    const started = phone;
    await waitFor(async () => (await h.location.lookup(tenantId, '2001')).length === 1, { timeoutMs: 15_000, what: `baresip registration\n${started.output()}` });
    const [binding] = await h.location.lookup(tenantId, '2001');
    expect(binding.userAgent).toMatch(/baresip/i);
    expect(binding.source).toEqual({ address: '127.0.0.1', port: started.port, transport: 'udp' });
    expect(binding.contact).toMatch(new RegExp(`^sip:2001-?\\w*@127\\.0\\.0\\.1:${started.port}`));
    expect(Math.round((binding.expiresAt - Date.now()) / 1000)).toBeGreaterThan(550);
    await waitFor(() => events(Events.RegistrationAdded).length === 1);
    // baresip reports the 200 on its console, which may print a moment after the binding is stored.
    await waitFor(() => /200 OK/.test(started.output()), { what: `baresip's "200 OK"\n${started.output()}` });

    // "q" quits baresip, which first unregisters (Expires: 0).
    started.child.stdin.write('q');
    await waitFor(async () => (await h.location.lookup(tenantId, '2001')).length === 0, { timeoutMs: 15_000, what: `baresip unregistration\n${started.output()}` });
    await waitFor(() => events(Events.RegistrationRemoved).length === 1);
  });
});
