import * as tls from 'node:tls';
import { computeHa1, hashHex, parseDigestAuthorization } from '@branchline/digest';
import { waitFor } from './wait-for';

/** A TLS connection to the server, as a phone's: what it received, message by message. */
export interface TlsSipClient {
  socket: tls.TLSSocket;
  /** SIP messages received, whole */
  messages: string[];
  /** every byte received, keep-alive pongs included */
  raw: () => string;
  isClosed: () => boolean;
}

/**
 * Connects and completes the handshake, verifying the server against `ca` for `servername`
 * (rejects when verification fails: expired, wrong host, unknown CA).
 */
export function connectTls(port: number, ca: string, servername: string): Promise<TlsSipClient> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, ca, servername });
    const client: TlsSipClient = { socket, messages: [], raw: () => raw, isClosed: () => closed };
    let raw = '';
    let pending = '';
    let closed = false;
    socket.on('data', (d: Buffer) => {
      raw += d.toString('utf8');
      pending += d.toString('utf8');
      pending = takeMessages(pending, client.messages);
    });
    socket.once('close', () => (closed = true));
    socket.once('secureConnect', () => resolve(client));
    socket.once('error', reject);
  });
}

/** Moves the complete messages at the front of `stream` to `out` (Content-Length framing); returns the rest. */
function takeMessages(stream: string, out: string[]): string {
  let rest = stream.replace(/^(\r\n)+/, '');
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) return rest;
    const length = Number(/\r\nContent-Length:\s*(\d+)/i.exec(rest.slice(0, end))?.[1] ?? 0);
    const total = end + 4 + length;
    if (rest.length < total) return rest; // test traffic is ASCII: characters are bytes
    out.push(rest.slice(0, total));
    rest = rest.slice(total).replace(/^(\r\n)+/, '');
  }
}

let seq = 0;

/** A request as the phone behind `c` sends it (Via sent-by its own address, `extraVia` appended). */
export function phoneRequest(c: TlsSipClient, method: string, uri: string, extra: { via?: string; headers?: string[] } = {}): { id: string; text: string } {
  const id = `tls-${process.pid}-${++seq}`;
  const sentBy = extra.via ?? `${c.socket.localAddress}:${c.socket.localPort}`;
  const text =
    `${method} ${uri} SIP/2.0\r\nVia: SIP/2.0/TLS ${sentBy};branch=z9hG4bK${id};rport\r\nMax-Forwards: 70\r\n` +
    `From: <sip:alice@acme.test>;tag=${id}\r\nTo: <sip:alice@acme.test>\r\nCall-ID: ${id}\r\nCSeq: 1 ${method}\r\n` +
    `Contact: <sip:alice@${c.socket.localAddress}:${c.socket.localPort};transport=tls>\r\n` +
    `${(extra.headers ?? []).map((h) => `${h}\r\n`).join('')}Content-Length: 0\r\n\r\n`;
  return { id, text };
}

/** The phone's answer to a request it received: the request's Via, From, To (tagged), Call-ID and CSeq. */
export function phoneAnswer(request: string, status: number, reason: string): string {
  const head = request.split('\r\n\r\n')[0].split('\r\n');
  const copy = head.filter((l) => /^(via|from|call-id|cseq|record-route):/i.test(l));
  const to = head.find((l) => /^to:/i.test(l)) ?? 'To: <sip:alice@acme.test>';
  return `SIP/2.0 ${status} ${reason}\r\n${copy.join('\r\n')}\r\n${to};tag=phone\r\nContent-Length: 0\r\n\r\n`;
}

/** The response to the request with Call-ID `id` and CSeq `cseq` the phone has received. */
async function answerTo(phone: TlsSipClient, id: string, cseq: number): Promise<string> {
  const match = (m: string) => m.includes(`Call-ID: ${id}`) && new RegExp(`\\r\\nCSeq: ${cseq} `).test(m);
  await waitFor(() => phone.messages.some(match), { timeoutMs: 5000, what: `the answer to ${id}/${cseq}` });
  return phone.messages.find(match) as string;
}

/** REGISTER over the phone's TLS connection, digest auth (MD5, qop=auth) and all; the final response (throws without a 401 first). */
export async function registerOverTls(phone: TlsSipClient, user: string, domain: string, password: string): Promise<string> {
  const first = phoneRequest(phone, 'REGISTER', `sip:${domain}`);
  const request = (cseq: number, auth?: string) =>
    first.text
      .replace(/alice@acme\.test/g, `${user}@${domain}`)
      .replace(/branch=z9hG4bK[^;]+/, `branch=z9hG4bK${first.id}-${cseq}`)
      .replace('CSeq: 1 REGISTER', `CSeq: ${cseq} REGISTER`)
      .replace('Content-Length: 0', `Expires: 300\r\n${auth ? `Authorization: ${auth}\r\n` : ''}Content-Length: 0`);
  phone.socket.write(request(1));
  const challenge = await answerTo(phone, first.id, 1);
  if (!challenge.startsWith('SIP/2.0 401 ')) throw new Error(`expected a 401 challenge, got ${challenge.split('\r\n')[0]}`);
  const header = /\r\nWWW-Authenticate: ([^\r]+)/i.exec(challenge)?.[1] ?? '';
  const c = parseDigestAuthorization(header) as Record<string, string>;
  const uri = `sip:${domain}`;
  const ha1 = computeHa1('MD5', user, c['realm'], password);
  const ha2 = hashHex('MD5', `REGISTER:${uri}`);
  const nc = '00000001';
  const cnonce = 'tlsphone';
  const response = hashHex('MD5', `${ha1}:${c['nonce']}:${nc}:${cnonce}:auth:${ha2}`);
  const auth = `Digest username="${user}", realm="${c['realm']}", nonce="${c['nonce']}", uri="${uri}", response="${response}", algorithm=MD5, qop=auth, nc=${nc}, cnonce="${cnonce}"`;
  phone.socket.write(request(2, auth));
  return answerTo(phone, first.id, 2);
}
