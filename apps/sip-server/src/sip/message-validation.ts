import type { Destination, InboundPacket } from '../transport/transport-layer';
import { parseNameAddr, parseUri, randomToken, SipMessage, SipParseError } from './sip-message';
import { reasonPhrase } from '@branchline/sip';
import { parseVia, responseTarget, stampReceived, stringifyVia, type Via } from './via';

/**
 * Request-URI schemes this server takes (RFC 3261 §8.2.2.1 answers others 416): SIP itself,
 * telephone numbers as gateways send them (RFC 3966), and service URNs (RFC 5031), through
 * which phones place emergency calls as `urn:service:sos`.
 */
function supportedScheme(scheme: string, uri: string): boolean {
  const s = scheme.toLowerCase();
  return s === 'sip' || s === 'sips' || s === 'tel' || (s === 'urn' && /^urn:service:/i.test(uri));
}

/**
 * Checks what parsing alone does not (RFC 3261 §8.2, §16.3): version, mandatory headers,
 * Via syntax, CSeq, Request-URI and its scheme, Max-Forwards, From/To, Content-Length.
 * Throws a SipParseError naming the problem and the status to answer it with; `sep` is
 * the offset of the blank line in `raw`.
 */
export function validateMessage(m: SipMessage, raw: string, sep: number): void {
  const version = /^(?:[^\r\n]* SIP\/(\d+\.\d+)\r\n|SIP\/(\d+\.\d+) )/.exec(raw);
  if (!version) throw new SipParseError('bad start line');
  if ((version[1] ?? version[2]) !== '2.0') throw new SipParseError('version not supported', true, 505);
  for (const h of ['via', 'from', 'to', 'call-id', 'cseq']) {
    if (!m.has(h) || !m.get(h)?.trim()) throw new SipParseError(`missing ${h}`, true);
  }
  for (const v of m.getAll('via')) parseVia(v);
  const cseq = m.cseq;
  if (cseq.seq > 2 ** 32 - 1) throw new SipParseError('CSeq out of range', true);
  if (m.isRequest) {
    if (cseq.method !== m.method) throw new SipParseError('CSeq method mismatch', true);
    const uri = m.uri ?? '';
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(uri);
    if (!scheme) throw new SipParseError('bad Request-URI', true);
    if (!supportedScheme(scheme[1], uri)) throw new SipParseError(`unsupported URI scheme ${scheme[1]}`, true, 416);
    if (/^sips?$/i.test(scheme[1]) && !parseUri(uri)) throw new SipParseError('bad Request-URI', true);
    // 1*DIGIT (§25.1), so leading zeros are fine (RFC 4475 §3.1.1.1); 0-255 by §20.22
    const mf = m.get('max-forwards');
    if (mf !== undefined && !(/^\s*\d+\s*$/.test(mf) && Number(mf) <= 255)) throw new SipParseError('bad Max-Forwards', true);
  }
  if (!parseNameAddr(m.get('from') ?? '') || !parseNameAddr(m.get('to') ?? '')) {
    throw new SipParseError('bad From/To', true);
  }
  const cl = m.declaredContentLength;
  if (cl !== undefined) {
    if (!/^\s*\d+\s*$/.test(cl)) throw new SipParseError('bad Content-Length', true);
    const bodyBytes = sep < 0 ? 0 : Buffer.byteLength(raw.slice(sep + 4), 'utf8');
    if (Number(cl) > bodyBytes) throw new SipParseError('Content-Length larger than body', true);
  }
}

/**
 * RFC 3261 §21.4.1 / §16.3: the 400 (or 416, 505) for a malformed request, when it is
 * answerable at all (a request other than ACK with a usable top Via). A 505 follows a Via
 * of the request's own version.
 */
export function malformedResponse(
  raw: string,
  p: InboundPacket,
  reason: string,
  status = 400,
): { dest: Destination; data: string } | undefined {
  let m: SipMessage;
  try {
    m = SipMessage.parse(raw);
  } catch {
    return undefined; // nothing to answer to
  }
  if (!m.isRequest || m.method === 'ACK') return undefined;
  const vias = m.getAll('via');
  if (!vias.length) return undefined;
  let via: Via;
  try {
    via = parseVia(vias[0], status === 505);
  } catch {
    return undefined;
  }
  stampReceived(via, p.remoteAddress, p.remotePort);
  const res = new SipMessage();
  res.status = status;
  res.reason = reasonPhrase(status);
  res.set('via', [stringifyVia(via), ...vias.slice(1)]);
  for (const h of ['from', 'to', 'call-id', 'cseq']) {
    const v = m.get(h);
    if (v) res.set(h, v);
  }
  if (res.has('to') && !/;\s*tag=/i.test(res.get('to') ?? '')) res.set('to', `${res.get('to')};tag=${randomToken(4)}`);
  if (status === 400) res.set('warning', `399 sip-server "${reason.replace(/["\\]/g, '')}"`);
  const dest: Destination =
    p.transport !== 'udp'
      ? { transport: p.transport, address: p.remoteAddress, port: p.remotePort, connectionKey: p.connectionKey }
      : { transport: 'udp', ...responseTarget(via) };
  return { dest, data: res.toString() };
}
