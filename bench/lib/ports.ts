import * as dgram from 'node:dgram';
import * as net from 'node:net';

// Kept local to the benchmark so it runs with a plain `node -r @swc-node/register`
// (no tsconfig path aliases needed).

/** A port free on both UDP and TCP on 127.0.0.1. */
export async function freePort(): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const port = await new Promise<number>((res, rej) => {
      const s = dgram.createSocket('udp4');
      s.once('error', rej);
      s.bind(0, '127.0.0.1', () => {
        const p = s.address().port;
        s.close(() => res(p));
      });
    });
    const tcpFree = await new Promise<boolean>((res) => {
      const srv = net.createServer();
      srv.once('error', () => res(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => res(true)));
    });
    if (tcpFree) return port;
  }
  throw new Error('no free port');
}

/** Resolves once something has bound the UDP port (polls with a deadline). */
export async function waitForUdpBound(port: number, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const bound = await new Promise<boolean>((res) => {
      const s = dgram.createSocket('udp4');
      s.once('error', () => res(true));
      s.bind(port, '127.0.0.1', () => s.close(() => res(false)));
    });
    if (bound) return;
    if (Date.now() > end) throw new Error(`nothing bound udp 127.0.0.1:${port}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
