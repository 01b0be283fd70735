import * as dgram from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { computeDigestResponse, computeHa1, parseDigestAuthorization, type DigestAlgorithm } from '@branchline/digest';

export interface SipResponse {
  status: number;
  reason: string;
  /** Header values by lower-case name, in arrival order (repeated headers and comma lists kept as sent). */
  headers: Map<string, string[]>;
  header(name: string): string | undefined;
}

export interface RegisterOptions {
  /** Contact header value; omitted = a query. Default `<sip:user@ip:port>`. */
  contact?: string | null;
  expires?: number;
  authorization?: string;
  extraHeaders?: Record<string, string>;
  /** Wait this long for a final response; `null` when nothing arrives (a silent lockout). */
  timeoutMs?: number;
}

export interface Challenge {
  realm: string;
  nonce: string;
  algorithm: DigestAlgorithm;
  qop?: string;
  stale: boolean;
}

/**
 * A SIP phone in a few lines of UDP, for REGISTER tests where
 * sipp cannot say what we need to (replayed nonce-counts, expired nonces,
 * hand-made Contact sets, a chosen source address). Speaks just enough SIP:
 * one REGISTER dialog (fixed Call-ID, rising CSeq), retransmits per timer E.
 */
export class SipPhone {
  readonly callId = `${randomBytes(8).toString('hex')}@test-phone`;
  private cseq = 0;
  private readonly tag = randomBytes(4).toString('hex');
  private waiting = new Map<string, (r: SipResponse) => void>();

  private constructor(
    private readonly socket: dgram.Socket,
    readonly user: string,
    readonly domain: string,
    private readonly server: { host: string; port: number },
  ) {
    socket.on('message', (buf) => this.onMessage(buf.toString('utf8')));
  }

  /** Binds a socket on `localAddress` (any 127.x.y.z works on Linux loopback). */
  static async open(user: string, domain: string, server: { host: string; port: number }, localAddress = '127.0.0.1'): Promise<SipPhone> {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((ok, fail) => {
      socket.once('error', fail);
      socket.bind(0, localAddress, () => ok());
    });
    return new SipPhone(socket, user, domain, server);
  }

  get local(): { address: string; port: number } {
    const a = this.socket.address();
    return { address: a.address, port: a.port };
  }

  get defaultContact(): string {
    return `<sip:${this.user}@${this.local.address}:${this.local.port}>`;
  }

  close(): void {
    this.socket.close();
  }

  async register(o: RegisterOptions = {}): Promise<SipResponse | null> {
    const cseq = ++this.cseq;
    const branch = `z9hG4bK${randomBytes(6).toString('hex')}`;
    const contact = o.contact === undefined ? this.defaultContact : o.contact;
    const lines = [
      `REGISTER sip:${this.domain} SIP/2.0`,
      `Via: SIP/2.0/UDP ${this.local.address}:${this.local.port};branch=${branch};rport`,
      `Max-Forwards: 70`,
      `From: <sip:${this.user}@${this.domain}>;tag=${this.tag}`,
      `To: <sip:${this.user}@${this.domain}>`,
      `Call-ID: ${this.callId}`,
      `CSeq: ${cseq} REGISTER`,
      ...(contact !== null ? [`Contact: ${contact}`] : []),
      ...(o.expires !== undefined ? [`Expires: ${o.expires}`] : []),
      ...(o.authorization ? [`Authorization: ${o.authorization}`] : []),
      `User-Agent: branchline-test-phone`,
      ...Object.entries(o.extraHeaders ?? {}).map(([k, v]) => `${k}: ${v}`),
      `Content-Length: 0`,
    ];
    const wire = Buffer.from(lines.join('\r\n') + '\r\n\r\n');
    const timeoutMs = o.timeoutMs ?? 4000;
    return new Promise<SipResponse | null>((resolve) => {
      let interval = 500;
      let retransmit: NodeJS.Timeout;
      const send = () => {
        this.socket.send(wire, this.server.port, this.server.host);
        retransmit = setTimeout(send, interval);
        interval = Math.min(interval * 2, 4000);
      };
      const deadline = setTimeout(() => {
        clearTimeout(retransmit);
        this.waiting.delete(branch);
        resolve(null);
      }, timeoutMs);
      this.waiting.set(branch, (r) => {
        clearTimeout(retransmit);
        clearTimeout(deadline);
        this.waiting.delete(branch);
        resolve(r);
      });
      send();
    });
  }

  /** REGISTER → 401 → REGISTER with credentials; returns both responses. */
  async registerWithAuth(password: string, o: RegisterOptions & { algorithm?: DigestAlgorithm } = {}): Promise<{ challenge: SipResponse; final: SipResponse | null }> {
    const challenge = await this.register({ ...o, authorization: undefined });
    if (!challenge || challenge.status !== 401) throw new Error(`expected a 401 challenge, got ${challenge?.status ?? 'nothing'}`);
    const c = parseChallenge(challenge);
    const final = await this.register({ ...o, authorization: this.authorization(c, password, { algorithm: o.algorithm }) });
    return { challenge, final };
  }

  /** An Authorization header answering `c` with qop=auth (when offered) and the given nonce-count. */
  authorization(c: Pick<Challenge, 'realm' | 'nonce' | 'qop'>, password: string, o: { nc?: number; algorithm?: DigestAlgorithm; username?: string } = {}): string {
    const algorithm = o.algorithm ?? 'MD5';
    const username = o.username ?? this.user;
    const uri = `sip:${this.domain}`;
    const nc = (o.nc ?? 1).toString(16).padStart(8, '0');
    const cnonce = randomBytes(6).toString('hex');
    const qop = c.qop ? 'auth' : undefined;
    const response = computeDigestResponse({
      algorithm,
      ha1: computeHa1(algorithm, username, c.realm, password),
      method: 'REGISTER',
      uri,
      nonce: c.nonce,
      ...(qop ? { qop, nc, cnonce } : {}),
    });
    const parts = [`username="${username}"`, `realm="${c.realm}"`, `nonce="${c.nonce}"`, `uri="${uri}"`, `response="${response}"`, `algorithm=${algorithm}`];
    if (qop) parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce="${cnonce}"`);
    return `Digest ${parts.join(', ')}`;
  }

  private onMessage(text: string): void {
    const [head] = text.split('\r\n\r\n');
    const [first, ...rest] = head.split('\r\n');
    const m = /^SIP\/2\.0 (\d{3}) ?(.*)$/.exec(first);
    if (!m) return;
    const headers = new Map<string, string[]>();
    for (const line of rest) {
      const i = line.indexOf(':');
      if (i < 0) continue;
      const name = line.slice(0, i).trim().toLowerCase();
      headers.set(name, [...(headers.get(name) ?? []), line.slice(i + 1).trim()]);
    }
    const status = Number(m[1]);
    if (status < 200) return;
    const branch = /branch=([^;,\s]+)/.exec(headers.get('via')?.[0] ?? '')?.[1];
    const waiter = branch ? this.waiting.get(branch) : undefined;
    waiter?.({ status, reason: m[2], headers, header: (name) => headers.get(name.toLowerCase())?.join(', ') });
  }
}

export function parseChallenge(r: SipResponse): Challenge {
  const value = r.header('WWW-Authenticate');
  const p = value ? parseDigestAuthorization(value) : null;
  if (!p || !p['realm'] || !p['nonce']) throw new Error(`no digest challenge in ${r.status}: ${value}`);
  return {
    realm: p['realm'],
    nonce: p['nonce'],
    algorithm: (p['algorithm'] ?? 'MD5') as DigestAlgorithm,
    ...(p['qop'] ? { qop: p['qop'] } : {}),
    stale: (p['stale'] ?? '').toLowerCase() === 'true',
  };
}

/** Contact URIs and their expires from a 200 to REGISTER. */
export function listedBindings(r: SipResponse): Array<{ uri: string; expires: number }> {
  const values = r.headers.get('contact') ?? r.headers.get('m') ?? [];
  return values
    .flatMap((v) => v.split(/,(?=\s*<)/))
    .map((v) => {
      const uri = /<([^>]+)>/.exec(v)?.[1] ?? '';
      const expires = Number(/;\s*expires=(\d+)/i.exec(v)?.[1] ?? NaN);
      return { uri, expires };
    })
    .filter((b) => b.uri);
}
