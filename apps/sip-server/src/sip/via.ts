import { SipParseError } from './sip-message';

export const MAGIC_COOKIE = 'z9hG4bK';

export interface Via {
  protocol: string; // UDP, TCP, ...
  host: string; // IPv6 kept in brackets
  port?: number;
  params: Map<string, string | null>;
}

// drachtio's Via regex stops at ':' inside IPv6 references, so sent-by is read here.
const VIA_RE = /^SIP\s*\/\s*2\.0\s*\/\s*([A-Za-z]+)\s+(\[[0-9A-Fa-f:.]+\]|[^\s;:[\]]+)(?:\s*:\s*(\d{1,5}))?\s*((?:;.*)?)$/;

export function parseVia(value: string): Via {
  const m = VIA_RE.exec(value.trim());
  if (!m) throw new SipParseError(`bad Via: ${value}`);
  const params = new Map<string, string | null>();
  for (const raw of m[4].split(';')) {
    const p = raw.trim();
    if (!p) continue;
    const eq = p.indexOf('=');
    if (eq < 0) params.set(p.toLowerCase(), null);
    else params.set(p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim());
  }
  const port = m[3] ? Number(m[3]) : undefined;
  if (port !== undefined && (port < 1 || port > 65535)) throw new SipParseError(`bad Via port: ${value}`);
  return { protocol: m[1].toUpperCase(), host: m[2], port, params };
}

export function stringifyVia(v: Via): string {
  let s = `SIP/2.0/${v.protocol} ${v.host}${v.port ? `:${v.port}` : ''}`;
  for (const [k, val] of v.params) s += val === null ? `;${k}` : `;${k}=${val}`;
  return s;
}

export function sentBy(v: Via): string {
  return `${v.host.toLowerCase()}:${v.port ?? (v.protocol === 'TLS' ? 5061 : 5060)}`;
}

/** Strips IPv6 brackets so the value can be compared with a socket address. */
export function bareHost(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** Formats an address for a SIP URI / Via (brackets for IPv6). */
export function hostForUri(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}

/**
 * RFC 3261 §18.2.1 and RFC 3581: record where the request really came from so the
 * response can find its way back through NATs.
 */
export function stampReceived(v: Via, sourceAddress: string, sourcePort: number): void {
  if (bareHost(v.host) !== sourceAddress || v.params.has('rport')) {
    v.params.set('received', sourceAddress);
  }
  if (v.params.has('rport')) v.params.set('rport', String(sourcePort));
}

/** Where a response to a request with this top Via goes (RFC 3261 §18.2.2, RFC 3581 §4). */
export function responseTarget(v: Via): { address: string; port: number } {
  const received = v.params.get('received');
  const address = bareHost(received ?? v.host);
  const rport = v.params.get('rport');
  const port = rport ? Number(rport) : (v.port ?? 5060);
  return { address, port };
}
