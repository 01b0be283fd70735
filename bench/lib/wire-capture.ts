import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from './sipp-files';

/**
 * Registration latencies as the loopback interface saw them (dumpcap's
 * kernel timestamps, in microseconds): the PBX's own time, without the time
 * the load generator took to notice an answer. A second opinion on sipp's
 * figures, which on these machines come in 4 ms steps (its clock advances
 * once per kernel tick).
 */
export interface WireLatency {
  /** REGISTER without credentials -> 401. */
  challengeP50Ms: number;
  challengeP99Ms: number;
  /** REGISTER with credentials -> 200. */
  authP50Ms: number;
  authP99Ms: number;
  /** First REGISTER of a Call-ID -> its 200: the whole exchange, as the phone's kernel saw it. */
  fullP50Ms: number;
  fullP99Ms: number;
  exchanges: number;
  packets: number;
}

export interface WireCapture {
  stop(): Promise<WireLatency>;
}

export function dumpcapAvailable(): boolean {
  return spawnSync('dumpcap', ['-v'], { stdio: 'ignore' }).status === 0;
}

/** Captures the UDP traffic to and from `port` on lo until stop(), then matches requests to responses. */
export async function startWireCapture(port: number): Promise<WireCapture> {
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'bench-wire-'));
  const file = join(dir, 'sip.pcap');
  // -P: classic pcap, read below without a library; -B: a kernel buffer large enough for 10,000 packets/s
  const child = spawn('dumpcap', ['-q', '-i', 'lo', '-f', `udp port ${port}`, '-P', '-B', '64', '-w', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`dumpcap did not start: ${err}`)), 10_000);
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('Capturing on')) {
        clearTimeout(timer);
        ready();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`dumpcap exited with ${code}: ${err}`));
    });
  });
  return {
    async stop() {
      const exited = new Promise<void>((r) => child.on('exit', () => r()));
      child.kill('SIGINT');
      await exited;
      try {
        return registrationLatency(readFileSync(file));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Link-layer header lengths of the link types lo can be captured with. */
const LINK_HEADER: Record<number, number> = { 1: 14, 113: 16, 276: 20 };

/** Requests matched to their first final response by Call-ID and CSeq number, from a classic pcap file. */
export function registrationLatency(pcap: Buffer): WireLatency {
  const magic = pcap.readUInt32LE(0);
  if (magic !== 0xa1b2c3d4 && magic !== 0xa1b23c4d) throw new Error('not a little-endian classic pcap file');
  const fraction = magic === 0xa1b23c4d ? 1e-9 : 1e-6;
  const link = LINK_HEADER[pcap.readUInt32LE(20)];
  if (link === undefined) throw new Error(`unexpected link type ${pcap.readUInt32LE(20)}`);
  const sent = new Map<string, { at: number; authorized: boolean }>();
  const firstOfCall = new Map<string, number>();
  const challenge: number[] = [];
  const auth: number[] = [];
  const full: number[] = [];
  let packets = 0;
  for (let off = 24; off + 16 <= pcap.length; ) {
    const at = pcap.readUInt32LE(off) + pcap.readUInt32LE(off + 4) * fraction;
    const captured = pcap.readUInt32LE(off + 8);
    const frame = pcap.subarray(off + 16, off + 16 + captured);
    off += 16 + captured;
    packets++;
    if (frame.length < link + 28 || frame[link] >> 4 !== 4) continue; // IPv4 only: the bench is on 127.0.0.1
    const text = frame.toString('latin1', link + (frame[link] & 0x0f) * 4 + 8);
    const head = text.slice(0, text.indexOf('\r\n\r\n') + 2);
    const callId = /\r\n(?:Call-ID|i)\s*:\s*([^\r]+)/i.exec(head)?.[1];
    const cseq = /\r\nCSeq\s*:\s*(\d+)/i.exec(head)?.[1];
    if (!callId || !cseq) continue;
    const key = `${callId}\n${cseq}`;
    if (head.startsWith('REGISTER ')) {
      // a retransmission keeps the first send's time
      if (!sent.has(key)) sent.set(key, { at, authorized: /\r\nAuthorization\s*:/i.test(head) });
      if (!firstOfCall.has(callId)) firstOfCall.set(callId, at);
      continue;
    }
    const status = Number(/^SIP\/2\.0 (\d{3})/.exec(head)?.[1]);
    const request = sent.get(key);
    if (!request || !(status >= 200)) continue;
    sent.delete(key);
    const ms = (at - request.at) * 1000;
    if (status === 401 && !request.authorized) challenge.push(ms);
    if (status === 200 && request.authorized) {
      auth.push(ms);
      const first = firstOfCall.get(callId);
      if (first !== undefined) full.push((at - first) * 1000);
      firstOfCall.delete(callId);
    }
  }
  const p = (a: number[], q: number) => Math.round(percentile(a, q) * 100) / 100;
  for (const a of [challenge, auth, full]) a.sort((x, y) => x - y);
  return {
    challengeP50Ms: p(challenge, 50),
    challengeP99Ms: p(challenge, 99),
    authP50Ms: p(auth, 50),
    authP99Ms: p(auth, 99),
    fullP50Ms: p(full, 50),
    fullP99Ms: p(full, 99),
    exchanges: full.length,
    packets,
  };
}
