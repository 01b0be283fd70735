/**
 * Hand-written messages exercising the cases of RFC 4475 (SIP torture tests) that the
 * parser must get right. They follow the RFC's categories, not its text: names, hosts
 * and values are our own, and the Via that responses follow points back at the test's
 * socket so they can be sent over loopback and answered.
 */

export interface TortureOptions {
  /** port of the socket the response must reach (the top Via's sent-by) */
  port: number;
  /** unique per message: Call-ID, branch and From tag derive from it */
  id: string;
}

const CRLF = '\r\n';

function withBody(head: string[], body: string): string {
  return head.join(CRLF).replace('@LEN@', String(Buffer.byteLength(body, 'utf8'))) + CRLF + CRLF + body;
}

/**
 * A valid INVITE full of legal but unusual whitespace, in the manner of RFC 4475 §3.1.1.1
 * (`wsinv`): header names in mixed case with blanks before the colon, values folded onto
 * continuation lines (LWS, RFC 3261 §7.3.1) inside To, From, CSeq, Via and Contact,
 * `Max-Forwards` and the CSeq number with leading zeros, escaped quotes and backslashes in
 * a display name, an empty Subject, a Via list split over two header lines, parameters
 * with blanks around `=`, and a body whose length is declared with a blank before the colon.
 * With `toTag` it carries a To tag, as the RFC's message does, which makes it a request
 * inside a dialog the receiver does not know (481); without it, it is a new call.
 */
export function whitespaceInvite(o: TortureOptions & { toTag?: string }): string {
  const body = ['v=0', 'o=ann 4711 4712 IN IP4 192.0.2.77', 's=-', 'c=IN IP4 192.0.2.78', 't=0 0', 'm=audio 41000 RTP/AVP 0 8', 'm=video 41002 RTP/AVP 96', 'a=rtpmap:96 H264/90000', ''].join(CRLF);
  return withBody(
    [
      `INVITE sip:conf-room@branch-a.example.net;oddparam SIP/2.0`,
      `tO :`,
      ` <sip:conf-room@branch-a.example.net>${o.toTag ? ` ;   tag    = ${o.toTag}` : ''}`,
      `fROm   : "Ann \\"the\\" Operator \\\\"      <sip:ann@branch-b.example.net>`,
      `  ;`,
      `  tag = f${o.id}`,
      `mAx-FoRwArDs: 0068`,
      `cAlL-iD: ${o.id}`,
      `Content-Length   : @LEN@`,
      `cseq: 0009`,
      `  INVITE`,
      `Via  : SIP  /   2.0`,
      ` /UDP`,
      `    127.0.0.1:${o.port};branch=z9hG4bK${o.id}`,
      `s :`,
      `NewStyleHeader:   a value that`,
      ` goes on over here`,
      `OddlyPunctuated: ;;,,;;,;`,
      `Content-Type: application/sdp`,
      `Route:`,
      ` <sip:edge.example.net;lr;weird=yes;bare-param>`,
      `v:  SIP  / 2.0  / TCP     relay.example.net   ;`,
      `  branch  =   z9hG4bKrelay7  ,`,
      ` SIP  /    2.0   / UDP  192.0.2.77   ; branch=`,
      ` z9hG4bKorigin3`,
      `m:"Quoted \\"\\" name" <sip:ann@192.0.2.77> ; customparam =`,
      `      customvalue ;`,
      `  flagparam ; q = 0.5`,
    ],
    body,
  );
}

function simpleRequest(o: TortureOptions, startLine: string, cseqMethod: string, via = `SIP/2.0/UDP 127.0.0.1:${o.port};branch=z9hG4bK${o.id}`): string {
  return withBody(
    [
      startLine,
      `Via: ${via}`,
      `Max-Forwards: 70`,
      `From: <sip:prober@branch-b.example.net>;tag=f${o.id}`,
      `To: <sip:desk@branch-a.example.net>`,
      `Call-ID: ${o.id}`,
      `CSeq: 3 ${cseqMethod}`,
      `Content-Length: @LEN@`,
    ],
    '',
  );
}

/**
 * A request whose method token contains a percent sign, as in RFC 4475's escaped-method
 * cases. `%` is an ordinary token character in a method (RFC 3261 §25.1); escapes mean
 * nothing there, so `INV%49TE` is an extension method nobody knows, not INVITE.
 * `cseqMethod` picks what the CSeq says: the same token (a well-formed request for an
 * unknown method) or `INVITE` (a CSeq that does not match the method: 400).
 */
export function escapedMethod(o: TortureOptions, cseqMethod = 'INV%49TE'): string {
  return simpleRequest(o, `INV%49TE sip:desk@branch-a.example.net SIP/2.0`, cseqMethod);
}

/** An OPTIONS whose Request-URI is of a scheme no SIP element supports (RFC 4475's unknown-scheme cases): 416. */
export function unknownScheme(o: TortureOptions, uri = 'cheesecake:slice-of-the-day'): string {
  return simpleRequest(o, `OPTIONS ${uri} SIP/2.0`, 'OPTIONS');
}

/** A request of a SIP version from the future, its Via of that version too (RFC 4475's bad-version case): 505. */
export function futureVersion(o: TortureOptions): string {
  return simpleRequest(o, `OPTIONS sip:desk@branch-a.example.net SIP/7.0`, 'OPTIONS', `SIP/7.0/UDP 127.0.0.1:${o.port};branch=z9hG4bK${o.id}`);
}
