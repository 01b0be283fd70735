import * as dgram from 'node:dgram';

/** A bare UDP socket for sending hand-written (possibly broken) SIP to the server. */
export class RawSipClient {
  private readonly socket: dgram.Socket;
  readonly received: string[] = [];
  private waiters: (() => void)[] = [];

  /**
   * `host` is where the server listens; `bindAddress` the source address to send from
   * (another 127.0.0.0/8 address makes a second source on IPv4 loopback).
   */
  constructor(
    private readonly host: '127.0.0.1' | '::1' = '127.0.0.1',
    private readonly bindAddress: string = host,
  ) {
    this.socket = dgram.createSocket(host === '::1' ? 'udp6' : 'udp4');
  }

  async open(): Promise<number> {
    await new Promise<void>((r) => this.socket.bind(0, this.bindAddress, () => r()));
    this.socket.on('message', (m) => {
      this.received.push(m.toString('utf8'));
      const w = this.waiters;
      this.waiters = [];
      w.forEach((f) => f());
    });
    return this.socket.address().port;
  }

  get port(): number {
    return this.socket.address().port;
  }

  send(raw: string | Buffer, port: number): void {
    this.socket.send(typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw, port, this.host);
  }

  /** Waits for a received message matching pred (event-driven, with a deadline). */
  async waitFor(pred: (m: string) => boolean, timeoutMs = 3000): Promise<string> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.received.find(pred);
      if (hit) return hit;
      const left = end - Date.now();
      if (left <= 0) throw new Error('no matching SIP message received');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.socket.close();
  }
}
