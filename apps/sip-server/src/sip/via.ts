import { SipParseError } from './sip-message';

export const MAGIC_COOKIE = 'z9hG4bK';

export interface Via {
  /** set only for a version other than 2.0, which parseVia accepts only when asked to */
  version?: string;
  protocol: string; // UDP, TCP, ...
  host: string; // IPv6 kept in brackets
  port?: number;
  params: Map<string, string | null>;
}

// drachtio's Via regex stops at ':' inside IPv6 references, so sent-by is read here.
const VIA_RE = /^SIP\s*\/\s*(\d+\.\d+)\s*\/\s*([A-Za-z]+)\s+(\[[0-9A-Fa-f:.]+\]|[^\s;:[\]]+)(?:\s*:\s*(\d{1,5}))?\s*((?:;.*)?)$/;

/**
 * Parses one Via entry. Only SIP/2.0 is accepted unless `anyVersion` is set, which is
 * for answering a request of another version with 505 along its own Via (RFC 3261 §8.2.6.2).
 */
export function parseVia(value: string, anyVersion = false): Via {
  const m = VIA_RE.exec(value.trim());
  if (!m || (m[1] !== '2.0' && !anyVersion)) throw new SipParseError(`bad Via: ${value}`);
  const params = new Map<string, string | null>();
  for (const raw of m[5].split(';')) {
    const p = raw.trim();
    if (!p) continue;
    const eq = p.indexOf('=');
    if (eq < 0) params.set(p.toLowerCase(), null);
    else params.set(p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim());
  }
  const port = m[4] ? Number(m[4]) : undefined;
  if (port !== undefined && (port < 1 || port > 65535)) throw new SipParseError(`bad Via port: ${value}`);
  const via: Via = { protocol: m[2].toUpperCase(), host: m[3], port, params };
  if (m[1] !== '2.0') via.version = m[1];
  return via;
}

export function stringifyVia(v: Via): string {
  let s = `SIP/${v.version ?? '2.0'}/${v.protocol} ${v.host}${v.port ? `:${v.port}` : ''}`;
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
