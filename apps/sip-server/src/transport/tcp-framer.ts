/**
 * Splits a SIP byte stream into messages using Content-Length (RFC 3261 §18.3).
 * Pure and incremental so it can be unit-tested without sockets.
 */
export class FramingError extends Error {}

const CRLFCRLF = Buffer.from('\r\n\r\n');

export class TcpFramer {
  private buf: Buffer = Buffer.alloc(0);
  private pings = 0;

  constructor(private readonly maxMessageSize: number) {}

  /** Feeds bytes; returns complete messages. Throws FramingError when the stream is unusable. */
  push(chunk: Buffer): Buffer[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const out: Buffer[] = [];
    for (;;) {
      // RFC 5626 keep-alives (CRLF / CRLFCRLF) may sit between messages.
      let start = 0;
      while (start < this.buf.length && (this.buf[start] === 0x0d || this.buf[start] === 0x0a)) start++;
      if (start) {
        if (this.buf.subarray(0, start).includes(CRLFCRLF)) this.pings++;
        this.buf = this.buf.subarray(start);
      }
      if (!this.buf.length) break;
      const headerEnd = this.buf.indexOf(CRLFCRLF);
      if (headerEnd < 0) {
        if (this.buf.length > this.maxMessageSize) throw new FramingError('header block exceeds max message size');
        break;
      }
      const head = this.buf.toString('latin1', 0, headerEnd);
      // the value may be folded onto a continuation line like any other (RFC 3261 §7.3.1)
      const m = /(?:^|\r\n)(?:content-length|l)[ \t]*:(?:[ \t]|\r\n[ \t])*(\d+)[ \t]*(?=\r\n|$)/i.exec(head);
      const bodyLen = m ? Number(m[1]) : 0;
      const total = headerEnd + 4 + bodyLen;
      if (total > this.maxMessageSize) throw new FramingError('message exceeds max message size');
      if (this.buf.length < total) break;
      out.push(this.buf.subarray(0, total));
      this.buf = this.buf.subarray(total);
    }
    return out;
  }

  /** Whether a CRLFCRLF keep-alive ping (RFC 5626 §4.4.1) arrived since the last call. */
  takePings(): boolean {
    const any = this.pings > 0;
    this.pings = 0;
    return any;
  }

  get buffered(): number {
    return this.buf.length;
  }
}
