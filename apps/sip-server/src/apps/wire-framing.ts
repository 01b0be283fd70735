import { randomBytes } from 'node:crypto';

/**
 * drachtio wire framing: `<byte length>#<payload>` where payload is
 * `<msgId>|<verb>|<args...>` optionally followed by CRLF and a SIP message.
 */
export class WireFramingError extends Error {}

export interface WireMessage {
  msgId: string;
  verb: string;
  /** pipe-separated tokens after the verb, on the first line */
  args: string[];
  /** everything after the first CRLF (a SIP message), or '' */
  body: string;
}

export class WireDecoder {
  private buf: Buffer = Buffer.alloc(0);

  constructor(private readonly maxFrame: number) {}

  push(chunk: Buffer): WireMessage[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const out: WireMessage[] = [];
    for (;;) {
      const hash = this.buf.indexOf(0x23); // '#'
      if (hash < 0) {
        if (this.buf.length > 20) throw new WireFramingError('missing length prefix');
        break;
      }
      const lenStr = this.buf.toString('latin1', 0, hash);
      if (!/^\d{1,10}$/.test(lenStr)) throw new WireFramingError(`invalid length prefix '${lenStr.slice(0, 20)}'`);
      const len = Number(lenStr);
      if (len <= 0 || len > this.maxFrame) throw new WireFramingError(`invalid frame length ${len}`);
      const total = hash + 1 + len;
      if (this.buf.length < total) break;
      const payload = this.buf.toString('utf8', hash + 1, total);
      this.buf = this.buf.subarray(total);
      out.push(parsePayload(payload));
    }
    return out;
  }
}

export function parsePayload(payload: string): WireMessage {
  const crlf = payload.indexOf('\r\n');
  const first = crlf < 0 ? payload : payload.slice(0, crlf);
  const body = crlf < 0 ? '' : payload.slice(crlf + 2);
  const tokens = first.split('|');
  if (tokens.length < 2 || !tokens[0]) throw new WireFramingError('frame without msgId|verb');
  return { msgId: tokens[0], verb: tokens[1], args: tokens.slice(2), body };
}

/**
 * Message ids only have to be unique on a connection (replies are matched by them): a random
 * prefix per process and a counter, instead of a UUID per frame, which under load was ~3% of the
 * server's time.
 */
const MSG_ID_PREFIX = randomBytes(6).toString('hex');
let msgSeq = 0;

export function newMsgId(): string {
  return `${MSG_ID_PREFIX}${(++msgSeq).toString(36)}`;
}

/** Encodes one frame; `tokens` are joined with '|' after a fresh message id. */
export function encodeFrame(tokens: (string | number)[], sip?: string): string {
  let payload = `${newMsgId()}|${tokens.join('|')}`;
  if (sip !== undefined) payload += `\r\n${sip}`;
  return `${Buffer.byteLength(payload, 'utf8')}#${payload}`;
}
