import * as dgram from 'node:dgram';

/**
 * Measures INVITE -> 200 latency with sub-millisecond resolution (sipp reports whole
 * milliseconds, which rounds loopback latencies to 0). Places `calls` calls at `rate`
 * calls/s: INVITE, then ACK and BYE once the 200 arrives.
 */
export async function probeInviteLatency(serverPort: number, rate: number, calls: number): Promise<number[]> {
  const sock = dgram.createSocket('udp4');
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
  const port = sock.address().port;
  const started = new Map<string, bigint>();
  const samples: number[] = [];
  let finished = 0;
  const sdp = 'v=0\r\no=p 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\n';
  const base = (method: string, callId: string, cseq: number, toTag: string, branch: string) =>
    `${method} sip:probe@127.0.0.1:${serverPort} SIP/2.0\r\n` +
    `Via: SIP/2.0/UDP 127.0.0.1:${port};branch=z9hG4bK${branch};rport\r\n` +
    `From: <sip:probe@127.0.0.1>;tag=${callId}\r\nTo: <sip:probe@127.0.0.1:${serverPort}>${toTag}\r\n` +
    `Call-ID: ${callId}\r\nCSeq: ${cseq} ${method}\r\nContact: <sip:probe@127.0.0.1:${port}>\r\nMax-Forwards: 70\r\n`;
  const send = (s: string) => sock.send(Buffer.from(s), serverPort, '127.0.0.1');
  const done = new Promise<void>((resolve) => {
    sock.on('message', (buf) => {
      const m = buf.toString();
      const status = Number(m.slice(8, 11));
      const callId = /\r\nCall-ID: *([^\r\n]+)/i.exec(m)?.[1] ?? '';
      const cseq = /\r\nCSeq: *\d+ (\w+)/i.exec(m)?.[1] ?? '';
      if (cseq === 'INVITE' && status === 200) {
        const t0 = started.get(callId);
        if (t0 === undefined) {
          return; // retransmitted 200, already handled
        }
        samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
        started.delete(callId);
        const toTag = /\r\nTo: *[^\r\n]*?(;tag=[^;\r\n]+)/i.exec(m)?.[1] ?? '';
        send(base('ACK', callId, 1, toTag, `a${callId}`) + 'Content-Length: 0\r\n\r\n');
        send(base('BYE', callId, 2, toTag, `b${callId}`) + 'Content-Length: 0\r\n\r\n');
      } else if (cseq === 'BYE' && status === 200) {
        finished++;
        if (finished === calls) resolve();
      }
    });
  });
  const interval = 1000 / rate;
  const t = Date.now();
  for (let i = 0; i < calls; i++) {
    const wait = t + i * interval - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const callId = `lat${i}x${t}`;
    started.set(callId, process.hrtime.bigint());
    send(base('INVITE', callId, 1, '', `i${callId}`) + `Content-Type: application/sdp\r\nContent-Length: ${sdp.length}\r\n\r\n${sdp}`);
  }
  await Promise.race([done, new Promise((r) => setTimeout(r, 15_000))]);
  sock.close();
  return samples;
}
