import * as dgram from 'node:dgram';

export interface UdpTap {
  /** Where the client sends instead of the server. */
  port: number;
  /** What the client sent so far, in order (as text). */
  sent(): string[];
  close(): Promise<void>;
}

/**
 * A UDP relay on `address` (127.0.0.1 unless given) in front of a server: what a client sends to
 * it goes on to the server from the relay's own socket, answers come back the same way, and what
 * the client sent is kept. For a tool that says little about what it does (a scanner): a test can
 * wait until it has sent so many more requests instead of sleeping. The server sees the relay's
 * address, so give it the client's (both on 127.0.0.1, as SIPVicious always sends from there).
 */
export async function startUdpTap(server: { host: string; port: number }, address = '127.0.0.1'): Promise<UdpTap> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((ok, fail) => {
    socket.once('error', fail);
    socket.bind(0, address, () => ok());
  });
  const sent: string[] = [];
  let client: dgram.RemoteInfo | null = null;
  socket.on('message', (msg, from) => {
    if (from.address === server.host && from.port === server.port) {
      if (client) socket.send(msg, client.port, client.address);
      return;
    }
    client = from;
    sent.push(msg.toString('utf8'));
    socket.send(msg, server.port, server.host);
  });
  return {
    port: socket.address().port,
    sent: () => sent,
    close: () => new Promise<void>((done) => socket.close(() => done())),
  };
}
