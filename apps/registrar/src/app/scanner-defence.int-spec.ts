import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Events, type RegistrationBlockedEvent } from '@branchline/contracts';
import {
  SipPhone,
  captureRedisEvents,
  freePort,
  parseChallenge,
  sipvicious,
  sipviciousLocalAddress as localAddress,
  sipviciousTable as tableRows,
  svcrackGuesses,
  waitFor,
  type CapturedEvent,
} from '@branchline/testing';
import { createPhones, startRegistrar, type RegistrarHarness } from '../testing/registrar-harness';

const PASSWORD = 'Phone-Secret-2026!';
const DOMAIN = 'scan.example';
const THRESHOLD = 5;

/**
 * The registrar against the scanners attackers really run: SIPVicious's
 * svwar (extension enumeration) and svcrack (password cracking), over
 * loopback through the sip-server process.
 */
describe('scanner defence (SIPVicious against the registrar)', () => {
  let h: RegistrarHarness;
  let tenantId: string;
  let captured: { events: CapturedEvent[]; close(): Promise<void> };

  beforeAll(async () => {
    h = await startRegistrar('scanner-defence', { LOCKOUT_THRESHOLD: String(THRESHOLD), RATE_LIMIT_PER_SOURCE: '200' });
    tenantId = (await createPhones(h, DOMAIN, ['1001', '1002', '1003'], PASSWORD)).id;
    captured = await captureRedisEvents([Events.RegistrationBlocked]);
  });
  afterAll(async () => {
    await captured.close();
    await h.close();
  });

  const blocked = (source: string) =>
    captured.events.map((e) => e.data as RegistrationBlockedEvent).filter((b) => b.source === source && b.realm === DOMAIN);

  it('svwar learns nothing: extensions that exist and ones that do not get the same answer', async () => {
    const scan = sipvicious('svwar', ['-e', '995-1010', '--domain', DOMAIN, ...localAddress(await freePort()), '-p', String(h.sip.sipPort), '--force', '127.0.0.1']);
    expect(await scan.done).toBe(0);
    const found = tableRows(scan.output());
    // Either nothing is reported, or every number scanned is, with one verdict: no way to tell 1001-1003 apart.
    const scanned = Array.from({ length: 16 }, (_, i) => String(995 + i));
    if (found.size > 0) {
      expect([...found.keys()].sort()).toEqual(scanned.sort());
      expect(new Set(found.values()).size).toBe(1);
    }
    expect(scan.output()).not.toMatch(/\|\s*100[123]\s*\|\s*(?!reqauth)\w+/);
    expect(await h.location.lookup(tenantId, '1001')).toEqual([]);

    // Looked at by hand: the first answer to a real and to a made-up number is the same, down to the header names.
    const shape = async (user: string) => {
      const p = await SipPhone.open(user, DOMAIN, { host: '127.0.0.1', port: h.sip.sipPort }, '127.0.7.4');
      try {
        const r = await p.register();
        const c = r && parseChallenge(r);
        return { status: r?.status, reason: r?.reason, headers: [...(r?.headers.keys() ?? [])].sort(), realm: c?.realm, qop: c?.qop, algorithm: c?.algorithm };
      } finally {
        p.close();
      }
    };
    expect(await shape('1001')).toEqual(await shape('999'));
  });

  it('svcrack is stopped at the lockout threshold and never finds the password in its dictionary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'svcrack-'));
    // The real password sits after the threshold: a scanner without a lockout would find it.
    const guesses = [...Array.from({ length: THRESHOLD * 3 }, (_, i) => `guess${i}`), PASSWORD, 'after1', 'after2'];
    writeFileSync(join(dir, 'dict.txt'), guesses.join('\n') + '\n');
    const source = '127.0.0.1';
    const scan = sipvicious('svcrack', ['-u', '1002', '-d', join(dir, 'dict.txt'), '--domain', DOMAIN, '-vv', ...localAddress(await freePort()), '-p', String(h.sip.sipPort), '127.0.0.1']);
    await waitFor(() => blocked(source).length > 0, { timeoutMs: 20_000, what: 'registration.blocked' });
    // Give the scanner time to try more; locked out, it gets 403 before any challenge and can go no further.
    await new Promise((r) => setTimeout(r, 2000));
    await scan.stop();
    const tried = svcrackGuesses(scan.output());
    // svcrack may have a guess or two in flight when the lock falls; none gets past it.
    expect(tried.length).toBeGreaterThanOrEqual(THRESHOLD);
    expect(tried.length).toBeLessThan(guesses.indexOf(PASSWORD));
    expect(tried).not.toContain(PASSWORD);
    // The registrar checked exactly THRESHOLD wrong passwords, then answered 403 without looking.
    expect(await h.redis.get(`${h.config.REDIS_PREFIX}auth:fail:pair:${DOMAIN}:1002:${source}`)).toBe(String(THRESHOLD));
    expect(tableRows(scan.output()).get('1002')).toBeUndefined();
    expect(blocked(source)[0]).toMatchObject({ user: '1002', reason: 'user-source-lockout' });
    // The attacker's address is locked for that user even with the right password...
    const fromAttacker = await SipPhone.open('1002', DOMAIN, { host: '127.0.0.1', port: h.sip.sipPort }, source);
    // ...while the phone that owns the extension, elsewhere, still registers: a scanner cannot lock a user out.
    const owner = await SipPhone.open('1002', DOMAIN, { host: '127.0.0.1', port: h.sip.sipPort }, '127.0.7.3');
    try {
      expect((await fromAttacker.register())?.status).toBe(403);
      expect((await owner.registerWithAuth(PASSWORD)).final?.status).toBe(200);
    } finally {
      fromAttacker.close();
      owner.close();
    }
  });
});

describe('silent lockout (LOCKOUT_SILENT=true)', () => {
  let h: RegistrarHarness;

  beforeAll(async () => {
    h = await startRegistrar('silent-lockout', { LOCKOUT_THRESHOLD: '3', LOCKOUT_SILENT: 'true' });
    await createPhones(h, 'quiet.example', ['1001'], PASSWORD);
  });
  afterAll(() => h.close());

  it('stops answering a locked-out address at all, so a scanner is left waiting for timeouts', async () => {
    const attacker = await SipPhone.open('1001', 'quiet.example', { host: '127.0.0.1', port: h.sip.sipPort }, '127.0.8.1');
    const owner = await SipPhone.open('1001', 'quiet.example', { host: '127.0.0.1', port: h.sip.sipPort }, '127.0.8.2');
    try {
      expect((await attacker.registerWithAuth('guess-1')).final?.status).toBe(403);
      expect((await attacker.registerWithAuth('guess-2')).final?.status).toBe(403);
      // The third failure trips the lock: no answer, not even to that request.
      expect((await attacker.registerWithAuth('guess-3', { timeoutMs: 1500 })).final).toBeNull();
      expect(await attacker.register({ timeoutMs: 1500 })).toBeNull();
      expect((await owner.registerWithAuth(PASSWORD)).final?.status).toBe(200);
    } finally {
      attacker.close();
      owner.close();
    }
  });
});
