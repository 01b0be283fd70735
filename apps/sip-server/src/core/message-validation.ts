import { parseNameAddr, parseUri, randomToken, SipMessage, SipParseError } from '../sip/sip-message';
import { parseVia, responseTarget, stampReceived, stringifyVia, type Via } from '../sip/via';
import type { Destination, InboundPacket } from '../transport/transport-layer';

/**
 * Checks what parsing alone does not (RFC 3261 §8.2, §16.3): version, mandatory headers,
 * Via syntax, CSeq, Request-URI, Max-Forwards, From/To, Content-Length. Throws a
 * SipParseError naming the problem; `sep` is the offset of the blank line in `raw`.
 */
export function validateMessage(m: SipMessage, raw: string, sep: number): void {
  const version = /^(?:[^\r\n]* SIP\/(\d+\.\d+)\r\n|SIP\/(\d+\.\d+) )/.exec(raw);
  if (!version) throw new SipParseError('bad start line');
  if ((version[1] ?? version[2]) !== '2.0') throw new SipParseError('505 version', true);
  for (const h of ['via', 'from', 'to', 'call-id', 'cseq']) {
    if (!m.has(h) || !m.get(h)?.trim()) throw new SipParseError(`missing ${h}`, true);
  }
  for (const v of m.getAll('via')) parseVia(v);
  const cseq = m.cseq;
  if (cseq.seq > 2 ** 32 - 1) throw new SipParseError('CSeq out of range', true);
  if (m.isRequest) {
    if (cseq.method !== m.method) throw new SipParseError('CSeq method mismatch', true);
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(m.uri ?? '');
    if (!scheme) throw new SipParseError('bad Request-URI', true);
    if (/^sips?$/i.test(scheme[1]) && !parseUri(m.uri ?? '')) throw new SipParseError('bad Request-URI', true);
    const mf = m.get('max-forwards');
    if (mf !== undefined && !/^\s*\d{1,3}\s*$/.test(mf)) throw new SipParseError('bad Max-Forwards', true);
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
 * RFC 3261 §21.4.1 / §16.3: the 400 (or 505) for a malformed request, when it is
 * answerable at all (a request other than ACK with a usable top Via).
 */
export function malformedResponse(raw: string, p: InboundPacket, reason: string): { dest: Destination; data: string } | undefined {
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
    via = parseVia(vias[0]);
  } catch {
    return undefined;
  }
  stampReceived(via, p.remoteAddress, p.remotePort);
  const res = new SipMessage();
  const status = reason.startsWith('505') ? 505 : 400;
  res.status = status;
  res.reason = status === 505 ? 'Version Not Supported' : 'Bad Request';
  res.set('via', [stringifyVia(via), ...vias.slice(1)]);
  for (const h of ['from', 'to', 'call-id', 'cseq']) {
    const v = m.get(h);
    if (v) res.set(h, v);
  }
  if (res.has('to') && !/;\s*tag=/i.test(res.get('to') ?? '')) res.set('to', `${res.get('to')};tag=${randomToken(4)}`);
  if (status === 400) res.set('warning', `399 sip-server "${reason.replace(/["\\]/g, '')}"`);
  const dest: Destination =
    p.transport === 'tcp'
      ? { transport: 'tcp', address: p.remoteAddress, port: p.remotePort, connectionKey: p.connectionKey }
      : { transport: 'udp', ...responseTarget(via) };
  return { dest, data: res.toString() };
}
