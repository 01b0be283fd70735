import { encodeFrame, newMsgId, parsePayload, WireDecoder, WireFramingError } from './wire-framing';

const frame = (payload: string) => `${Buffer.byteLength(payload)}#${payload}`;

describe('WireDecoder', () => {
  it('decodes verb and arguments of an authenticate frame', () => {
    const d = new WireDecoder(1 << 20);
    const [m] = d.push(Buffer.from(frame('abc|authenticate|cymru|tag1,tag2')));
    expect(m).toEqual({ msgId: 'abc', verb: 'authenticate', args: ['cymru', 'tag1,tag2'], body: '' });
  });

  it('separates the SIP message after the first CRLF', () => {
    const d = new WireDecoder(1 << 20);
    const sip = 'INVITE sip:a@b SIP/2.0\r\nCall-ID: 1\r\n\r\n';
    const [m] = d.push(Buffer.from(frame(`id1|sip|||\r\n${sip}`)));
    expect(m.verb).toBe('sip');
    expect(m.args).toEqual(['', '', '']);
    expect(m.body).toBe(sip);
  });

  it('reassembles frames split at arbitrary byte offsets including inside UTF-8 characters', () => {
    const d = new WireDecoder(1 << 20);
    const bytes = Buffer.from(frame('x|sip||\r\nMESSAGE sip:a SIP/2.0\r\n\r\nhéllo 😀') + frame('y|ping'));
    const got = [];
    for (let i = 0; i < bytes.length; i += 3) got.push(...d.push(bytes.subarray(i, i + 3)));
    expect(got.map((m) => m.msgId)).toEqual(['x', 'y']);
    expect(got[0].body.endsWith('héllo 😀')).toBe(true);
  });

  it('rejects a frame without a numeric length prefix', () => {
    const d = new WireDecoder(1 << 20);
    expect(() => d.push(Buffer.from('abc#x|ping'))).toThrow(WireFramingError);
  });

  it('rejects a frame longer than the configured maximum', () => {
    const d = new WireDecoder(100);
    expect(() => d.push(Buffer.from('5000#x|ping'))).toThrow(WireFramingError);
  });
});

describe('encodeFrame', () => {
  it('prefixes the UTF-8 byte length and round-trips through the decoder', () => {
    const s = encodeFrame(['response', 'rid', 'OK'], 'SIP/2.0 200 OK\r\nX-Emoji: 😀\r\n\r\n');
    const len = Number(s.slice(0, s.indexOf('#')));
    expect(len).toBe(Buffer.byteLength(s.slice(s.indexOf('#') + 1)));
    const [m] = new WireDecoder(1 << 20).push(Buffer.from(s));
    expect(m.verb).toBe('response');
    expect(m.args).toEqual(['rid', 'OK']);
    expect(parsePayload(`a|b`).verb).toBe('b');
  });

  it('never hands out the same message id twice, and none that could break a frame', () => {
    const ids = Array.from({ length: 10_000 }, () => newMsgId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-z]+$/);
    const frames = new WireDecoder(1 << 20).push(Buffer.from(encodeFrame(['sip', 'a']) + encodeFrame(['sip', 'b'])));
    expect(frames[0].msgId).not.toBe(frames[1].msgId);
  });
});
