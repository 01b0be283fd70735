import { randomBytes, randomFillSync } from 'node:crypto';
import * as drachtioParser from 'drachtio-srf/lib/sip-parser/parser';
import type { ParsedAor, ParsedUri } from 'drachtio-srf/lib/sip-parser/parser';

/** Thrown when a message cannot be parsed or lacks what RFC 3261 requires. */
export class SipParseError extends Error {
  constructor(
    message: string,
    /** true when enough of the request survived to send a 400 back. */
    readonly answerable = false,
    /** the status to answer with when it is answerable (400, 416, 505) */
    readonly status = 400,
  ) {
    super(message);
    this.name = 'SipParseError';
  }
}

// Headers whose values are comma-separated lists we must manipulate entry by entry.
const LIST_HEADERS = new Set(['via', 'route', 'record-route', 'contact', 'path']);

const CANONICAL: Record<string, string> = {
  via: 'Via',
  from: 'From',
  to: 'To',
  'call-id': 'Call-ID',
  cseq: 'CSeq',
  contact: 'Contact',
  'content-length': 'Content-Length',
  'content-type': 'Content-Type',
  'max-forwards': 'Max-Forwards',
  route: 'Route',
  'record-route': 'Record-Route',
  'www-authenticate': 'WWW-Authenticate',
  rseq: 'RSeq',
  rack: 'RAck',
};

export function canonicalHeaderName(name: string): string {
  const known = CANONICAL[name];
  if (known) return known;
  if (name !== name.toLowerCase()) return name; // X-/P- headers keep the app's spelling
  return name.replace(/(^|-)([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

/** Splits a header value on commas that are outside quotes and angle brackets. */
export function splitHeaderList(value: string): string[] {
  const out: string[] = [];
  let depthAngle = 0;
  let inQuote = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (inQuote) {
      if (c === '\\') i++;
      else if (c === '"') inQuote = false;
    } else if (c === '"') inQuote = true;
    else if (c === '<') depthAngle++;
    else if (c === '>') depthAngle = Math.max(0, depthAngle - 1);
    else if (c === ',' && depthAngle === 0) {
      const part = value.slice(start, i).trim();
      if (part) out.push(part);
      start = i + 1;
    }
  }
  const last = value.slice(start).trim();
  if (last) out.push(last);
  return out;
}

const NORMALIZED = new Map<string, string>();
/** a line break followed by blanks inside the header block: a folded value */
const FOLD = /\r\n[ \t]+/g;

/**
 * RFC 3261 §7.3.1: a header value may continue on lines that start with a blank; the
 * recipient may replace that linear white space with one SP. Done once on the header
 * block so that every later reader (Via, CSeq, name-addr) sees one-line values; the body
 * is left byte for byte.
 */
export function unfoldHeaders(raw: string): string {
  const end = raw.indexOf('\r\n\r\n');
  const head = end < 0 ? raw : raw.slice(0, end);
  if (head.indexOf('\r\n ') < 0 && head.indexOf('\r\n\t') < 0) return raw;
  return head.replace(FOLD, ' ') + (end < 0 ? '' : raw.slice(end));
}

/**
 * A SIP message as the server handles it. Parsing is delegated to drachtio-srf's own
 * parser (the same code the apps run) so both sides agree on what a message means;
 * this class only adds list handling and byte-exact serialisation.
 */
export class SipMessage {
  method?: string;
  uri?: string;
  status?: number;
  reason?: string;
  /** lower-case header name -> one entry per header line (or list element for list headers) */
  readonly headers = new Map<string, string[]>();
  body = '';
  /** Content-Length as received (the header itself is regenerated on output) */
  declaredContentLength?: string;

  get isRequest(): boolean {
    return this.method !== undefined;
  }

  static parse(original: string): SipMessage {
    const raw = unfoldHeaders(original);
    let parsed;
    try {
      parsed = drachtioParser.parseSipMessage(raw, true);
    } catch (err) {
      throw new SipParseError(`unparseable message: ${(err as Error).message}`);
    }
    if (!parsed) throw new SipParseError('unparseable start line or header');
    const m = new SipMessage();
    if (parsed.method !== undefined) {
      // drachtio's parser percent-decodes the method; a method is a token in which `%` is
      // just a character (RFC 3261 §25.1), so INV%49TE is some other method, not INVITE
      m.method = /^\S+/.exec(raw)?.[0] ?? parsed.method;
      m.uri = parsed.uri;
    } else {
      m.status = parsed.status;
      m.reason = parsed.reason ?? '';
    }
    for (const [name, value] of Object.entries(parsed.headers)) {
      if (name === 'content-length') {
        m.declaredContentLength = value;
        continue; // recomputed on the way out
      }
      m.headers.set(name, LIST_HEADERS.has(name) ? splitHeaderList(value) : [value]);
    }
    m.body = parsed.body ?? '';
    return m;
  }

  clone(): SipMessage {
    const m = new SipMessage();
    m.method = this.method;
    m.uri = this.uri;
    m.status = this.status;
    m.reason = this.reason;
    for (const [k, v] of this.headers) m.headers.set(k, [...v]);
    m.body = this.body;
    return m;
  }

  static normalizeName(name: string): string {
    let n = NORMALIZED.get(name);
    if (n === undefined) {
      // drachtio's getHeaderName reads process.env on every call; names repeat, so remember them
      n = drachtioParser.getHeaderName(name).toLowerCase();
      if (NORMALIZED.size < 512) NORMALIZED.set(name, n);
    }
    return n;
  }

  get(name: string): string | undefined {
    const v = this.headers.get(SipMessage.normalizeName(name));
    return v && v.length ? v.join(', ') : undefined;
  }

  getAll(name: string): string[] {
    return this.headers.get(SipMessage.normalizeName(name)) ?? [];
  }

  has(name: string): boolean {
    return this.headers.has(SipMessage.normalizeName(name));
  }

  set(name: string, value: string | string[]): void {
    const n = SipMessage.normalizeName(name);
    const arr = Array.isArray(value) ? value : LIST_HEADERS.has(n) ? splitHeaderList(value) : [value];
    this.headers.set(n, arr);
  }

  remove(name: string): void {
    this.headers.delete(SipMessage.normalizeName(name));
  }

  prepend(name: string, value: string): void {
    const n = SipMessage.normalizeName(name);
    const existing = this.headers.get(n);
    if (existing) existing.unshift(value);
    else {
      // Via must come first on the wire for readability of traces; Map keeps insertion order.
      const entries = [...this.headers.entries()];
      this.headers.clear();
      this.headers.set(n, [value]);
      for (const [k, v] of entries) this.headers.set(k, v);
    }
  }

  get callId(): string {
    return this.get('call-id') ?? '';
  }

  get cseq(): { seq: number; method: string } {
    const v = this.get('cseq') ?? '';
    const m = /^\s*(\d+)\s+(\S+)\s*$/.exec(v);
    if (!m) throw new SipParseError('bad CSeq', true);
    return { seq: Number(m[1]), method: m[2] };
  }

  get fromTag(): string | undefined {
    return parseNameAddr(this.get('from') ?? '')?.params['tag'];
  }

  get toTag(): string | undefined {
    return parseNameAddr(this.get('to') ?? '')?.params['tag'];
  }

  toString(): string {
    const startLine = this.isRequest
      ? `${this.method} ${this.uri} SIP/2.0\r\n`
      : `SIP/2.0 ${this.status} ${this.reason ?? ''}\r\n`;
    const parts: string[] = [startLine];
    for (const [name, values] of this.headers) {
      if (!values.length) continue;
      const cname = canonicalHeaderName(name);
      if (name === 'via') for (const v of values) parts.push(`${cname}: ${v}\r\n`);
      else parts.push(`${cname}: ${values.join(', ')}\r\n`);
    }
    parts.push(`Content-Length: ${Buffer.byteLength(this.body, 'utf8')}\r\n\r\n`);
    parts.push(this.body);
    return parts.join('');
  }
}

export function parseUri(uri: string): ParsedUri | undefined {
  try {
    const u = drachtioParser.parseUri(uri.trim());
    return u && u.scheme !== 'tel' ? u : undefined;
  } catch {
    return undefined;
  }
}

export function parseNameAddr(value: string): ParsedAor | undefined {
  try {
    const parse = drachtioParser.getParser('from');
    const r = parse({ s: value, i: 0 }) as ParsedAor | undefined;
    return r && typeof r.uri === 'string' ? r : undefined;
  } catch {
    return undefined;
  }
}

/** The URI inside a name-addr / addr-spec (Contact, Route, Record-Route entry). */
export function uriOfNameAddr(value: string): string | undefined {
  const lt = value.indexOf('<');
  if (lt >= 0) {
    const gt = value.indexOf('>', lt);
    return gt > lt ? value.slice(lt + 1, gt).trim() : undefined;
  }
  return value.split(';')[0].trim() || undefined;
}

// Tags, branches and ids need cryptographic randomness (RFC 3261 §19.3) but not a
// syscall each: draw them from a pool refilled a few kilobytes at a time.
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let poolOffset = POOL_BYTES;

/** `bytes` random bytes as lower-case hex. */
export function randomToken(bytes = 8): string {
  if (bytes > POOL_BYTES) return randomBytes(bytes).toString('hex');
  if (poolOffset + bytes > POOL_BYTES) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const s = pool.toString('hex', poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  return s;
}
