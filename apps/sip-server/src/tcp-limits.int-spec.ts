import * as net from 'node:net';
import { waitFor } from '@branchline/testing';
import { startSipServer, type RunningSipServer } from './start-sip-server';

/** A client TCP connection that records what it received and whether the server closed it. */
interface Conn {
  socket: net.Socket;
  received: () => string;
  closed: Promise<void>;
  isClosed: () => boolean;
}

function connect(port: number, localAddress = '127.0.0.1'): Promise<Conn> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', localAddress });
    let data = '';
    let closed = false;
    socket.on('data', (d) => (data += d.toString()));
    socket.on('error', () => undefined);
    const closedP = new Promise<void>((r) => socket.once('close', () => ((closed = true), r())));
    socket.once('connect', () => resolve({ socket, received: () => data, closed: closedP, isClosed: () => closed }));
    socket.once('error', reject);
  });
}

let seq = 0;
function options(c: Conn, id: string): string {
  return (
    `OPTIONS sip:desk@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP ${c.socket.localAddress}:${c.socket.localPort};branch=z9hG4bK${id}\r\n` +
    `Max-Forwards: 70\r\nFrom: <sip:t@127.0.0.1>;tag=${id}\r\nTo: <sip:desk@127.0.0.1>\r\nCall-ID: ${id}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n`
  );
}

/** Sends an OPTIONS on the connection and waits for its final answer (503: no app is connected, which is still service). */
async function served(c: Conn): Promise<boolean> {
  const id = `tcp-limits-${++seq}`;
  c.socket.write(options(c, id));
  await waitFor(() => new RegExp(`SIP/2\\.0 [2-6]\\d\\d [^\\r]*\\r\\n(?:[^\\r]+\\r\\n)*Call-ID: ${id}\\r\\n`).test(c.received()) || c.isClosed(), {
    timeoutMs: 5000,
    what: `an answer to ${id}`,
  });
  return !c.isClosed();
}

async function closedWithin(c: Conn, ms: number): Promise<void> {
  await waitFor(() => c.isClosed(), { timeoutMs: ms, what: 'the server to close the connection' });
}

describe('per-source TCP defences', () => {
  let server: RunningSipServer;
  const open: Conn[] = [];

  afterEach(async () => {
    open.splice(0).forEach((c) => c.socket.destroy());
    await server.close();
  });

  async function track(p: Promise<Conn>): Promise<Conn> {
    const c = await p;
    open.push(c);
    return c;
  }

  it('closes connection N+1 from one address, keeps serving the N it holds, and accepts other addresses', async () => {
    server = await startSipServer({ tcpMaxConnectionsPerSource: 4 });
    const held: Conn[] = [];
    // one at a time, each answered, so the server has accepted and counted it before the next
    for (let i = 0; i < 4; i++) {
      const c = await track(connect(server.sipPort));
      expect(await served(c)).toBe(true);
      held.push(c);
    }
    const extra = await track(connect(server.sipPort));
    await closedWithin(extra, 5000);
    expect(server.transportStats().refusedConnections).toBe(1);
    for (const c of held) expect(await served(c)).toBe(true);
    expect(await served(await track(connect(server.sipPort, '127.0.0.2')))).toBe(true);
    // a connection that goes frees its slot
    held[0].socket.destroy();
    await waitFor(async () => served(await track(connect(server.sipPort))), { timeoutMs: 5000, what: 'a freed slot' });
  });

  it.each([
    ['headers that never end', `OPTIONS sip:desk@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bKhalf\r\nX-Pad: ${'a'.repeat(60_000)}`],
    ['a body that never arrives', `OPTIONS sip:desk@127.0.0.1 SIP/2.0\r\nCall-ID: nobody\r\nContent-Length: 5000\r\n\r\nonly the start`],
  ])('closes a connection sending %s after the message timeout, long before the idle timeout', async (_name, partial) => {
    server = await startSipServer({ tcpMessageTimeoutMs: 300, tcpIdleTimeoutMs: 10 * 60_000 });
    const idle = await track(connect(server.sipPort));
    expect(await served(idle)).toBe(true);
    const half = await track(connect(server.sipPort));
    half.socket.write(partial);
    await closedWithin(half, 8000);
    expect(server.transportStats().messageTimeouts).toBe(1);
    // a connection between messages is idle, not late: it stays, and is served
    expect(idle.isClosed()).toBe(false);
    expect(await served(idle)).toBe(true);
  });

  it('does not restart the message clock for more bytes of the same message', async () => {
    server = await startSipServer({ tcpMessageTimeoutMs: 400, tcpIdleTimeoutMs: 10 * 60_000 });
    const slow = await track(connect(server.sipPort));
    slow.socket.write('OPTIONS sip:desk@127.0.0.1 SIP/2.0\r\n');
    // a byte every 50 ms keeps the connection busy but never finishes the message
    const drip = setInterval(() => slow.socket.write('X'), 50);
    try {
      await closedWithin(slow, 8000);
    } finally {
      clearInterval(drip);
    }
    expect(server.transportStats().messageTimeouts).toBe(1);
  });
});
