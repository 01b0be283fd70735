import { SipMessage } from './sip-message';

/**
 * Copies of `values` that share no memory with the strings they came from.
 *
 * A header value the parser returns is a slice of the whole received message, and V8 keeps
 * that whole message alive for as long as any slice of it is referenced. State that outlives
 * its message (a transaction lingering 64*T1, a remembered Call-ID) must therefore keep
 * copies, or each such value pins a datagram (~1 KB) for the state's whole life.
 */
export function detachedCopies(values: readonly string[]): string[] {
  // One new flat string for all of them: a cons string is flattened into fresh memory the
  // first time it is sliced, and the slices then refer to that copy only (exact code units,
  // unlike a UTF-8 round trip, which would rewrite a lone surrogate).
  const copy = (' ' + values.join('')).slice(1);
  const out: string[] = [];
  let at = 0;
  for (const v of values) {
    out.push(copy.slice(at, at + v.length));
    at += v.length;
  }
  return out;
}

export function detachedCopy(value: string): string {
  return detachedCopies([value])[0];
}

/**
 * What a request we sent is still consulted for once it has its final response or has been
 * given up on: the identity an ACK or CANCEL is built from (§9.1, §17.1.1.3), a synthetic
 * response (Via, From, To, Call-ID, CSeq), and the dialog a late or forked 2xx is hung up
 * through (From, Contact, Request-URI). Body and other headers are not kept.
 */
const IDENTITY_HEADERS = ['via', 'from', 'to', 'call-id', 'cseq', 'contact', 'route'] as const;

export function requestIdentity(req: SipMessage): SipMessage {
  const kept = IDENTITY_HEADERS.map((h) => req.headers.get(h));
  const strings: string[] = [req.method ?? '', req.uri ?? ''];
  for (const v of kept) if (v) strings.push(...v);
  const copies = detachedCopies(strings);
  const m = new SipMessage();
  m.method = req.method === undefined ? undefined : copies[0];
  m.uri = req.uri === undefined ? undefined : copies[1];
  let next = 2;
  IDENTITY_HEADERS.forEach((h, i) => {
    const v = kept[i];
    if (!v) return;
    m.headers.set(h, copies.slice(next, next + v.length));
    next += v.length;
  });
  return m;
}
