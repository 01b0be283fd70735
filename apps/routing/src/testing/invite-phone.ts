import * as dgram from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { computeDigestResponse, computeHa1, parseDigestAuthorization } from '@branchline/digest';

export interface InviteAnswer {
  status: number;
  /** Header values by lower-case name. */
  header(name: string): string | undefined;
}

/**
 * A phone placing INVITEs in a few lines of UDP, for what sipp cannot do:
 * send an authenticated INVITE again, byte for byte the same credentials
 * (a replay), or guess passwords from a chosen source address. It reads responses up to the first final one and ACKs that
 * (non-2xx, RFC 3261 §17.1.1.3); it never answers or hangs up a call.
 */
export class InvitePhone {
  private constructor(
    private readonly socket: dgram.Socket,
    private readonly address: string,
    private readonly port: number,
    private readonly server: number,
  ) {}

  /** Binds a socket on `localAddress` (any 127.x.y.z works on Linux loopback), so a test picks the source routing sees. */
  static async open(serverPort: number, localAddress = '127.0.0.1'): Promise<InvitePhone> {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((ok) => socket.bind(0, localAddress, ok));
    return new InvitePhone(socket, localAddress, socket.address().port, serverPort);
  }

  close(): void {
    this.socket.close();
  }

  /** Sends one INVITE (a new transaction) and resolves with its final response, which it ACKs. */
  async invite(o: { from: string; to: string; domain: string; callId: string; cseq: number; proxyAuthorization?: string }): Promise<InviteAnswer> {
    const branch = `z9hG4bK${randomBytes(6).toString('hex')}`;
    const tag = randomBytes(4).toString('hex');
    const uri = `sip:${o.to}@${o.domain}`;
    const common = (method: string, toTag?: string) =>
      [
        `Via: SIP/2.0/UDP ${this.address}:${this.port};branch=${branch};rport`,
        'Max-Forwards: 70',
        `From: <sip:${o.from}@${o.domain}>;tag=${tag}`,
        `To: <${uri}>${toTag ? `;tag=${toTag}` : ''}`,
        `Call-ID: ${o.callId}`,
        `CSeq: ${o.cseq} ${method}`,
      ].join('\r\n');
    const invite = [
      `INVITE ${uri} SIP/2.0`,
      common('INVITE'),
      `Contact: <sip:${o.from}@${this.address}:${this.port}>`,
      ...(o.proxyAuthorization ? [`Proxy-Authorization: ${o.proxyAuthorization}`] : []),
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
    const final = await this.request(invite, branch);
    const toTag = /;tag=([^;\s>]+)/.exec(final.header('to') ?? '')?.[1];
    this.send([`ACK ${uri} SIP/2.0`, common('ACK', toTag), 'Content-Length: 0', '', ''].join('\r\n'));
    return final;
  }

  /** INVITE → 407 → INVITE with `password`'s digest: both final responses (no second INVITE unless challenged). */
  async inviteWithAuth(o: { from: string; to: string; domain: string; password: string }): Promise<{ challenge: InviteAnswer; final: InviteAnswer | null }> {
    const callId = `${randomBytes(8).toString('hex')}@invite-phone`;
    const challenge = await this.invite({ ...o, callId, cseq: 1 });
    if (challenge.status !== 407) return { challenge, final: null };
    const proxyAuthorization = InvitePhone.authorization(challenge.header('Proxy-Authenticate') ?? '', { user: o.from, password: o.password, to: o.to, domain: o.domain });
    return { challenge, final: await this.invite({ ...o, callId, cseq: 2, proxyAuthorization }) };
  }

  /** The Proxy-Authorization answering `challenge` (a Proxy-Authenticate value) for an INVITE to `to`. */
  static authorization(challenge: string, o: { user: string; password: string; to: string; domain: string; nc?: string }): string {
    const c = parseDigestAuthorization(challenge) ?? {};
    const realm = c['realm'] ?? '';
    const nonce = c['nonce'] ?? '';
    const uri = `sip:${o.to}@${o.domain}`;
    const nc = o.nc ?? '00000001';
    const cnonce = randomBytes(6).toString('hex');
    const response = computeDigestResponse({ algorithm: 'MD5', ha1: computeHa1('MD5', o.user, realm, o.password), method: 'INVITE', uri, nonce, qop: 'auth', nc, cnonce });
    return `Digest username="${o.user}", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${response}", algorithm=MD5, qop=auth, nc=${nc}, cnonce="${cnonce}"`;
  }

  private send(text: string): void {
    this.socket.send(text, this.server, '127.0.0.1');
  }

  /** Sends the request, retransmitting every 500 ms (timer A), until a final response of this transaction. */
  private request(text: string, branch: string): Promise<InviteAnswer> {
    return new Promise((resolve, reject) => {
      const retransmit = setInterval(() => this.send(text), 500);
      const timeout = setTimeout(() => finish(new Error('no final response to the INVITE within 10 s')), 10_000);
      const onMessage = (buf: Buffer) => {
        const raw = buf.toString();
        const status = /^SIP\/2\.0 (\d{3})/.exec(raw);
        if (!status || !raw.includes(branch)) return;
        if (Number(status[1]) < 200) return;
        const headers = new Map<string, string>();
        for (const line of raw.split('\r\n\r\n')[0].split('\r\n').slice(1)) {
          const i = line.indexOf(':');
          if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
        }
        finish(null, { status: Number(status[1]), header: (n) => headers.get(n.toLowerCase()) });
      };
      const finish = (err: Error | null, answer?: InviteAnswer) => {
        clearInterval(retransmit);
        clearTimeout(timeout);
        this.socket.off('message', onMessage);
        if (err) reject(err);
        else resolve(answer as InviteAnswer);
      };
      this.socket.on('message', onMessage);
      this.send(text);
    });
  }
}
