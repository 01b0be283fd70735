import { SipMessage } from '../sip/sip-message';
import { ClientTransaction } from './client-transaction';
import type { TimerConfig } from './timers';

const timers: TimerConfig = { t1: 500, t2: 4000, t4: 5000 };

function request(method: string): SipMessage {
  return SipMessage.parse(
    `${method} sip:b@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n` +
      `From: <sip:a@x>;tag=1\r\nTo: <sip:b@y>\r\nCall-ID: c1\r\nCSeq: 1 ${method}\r\nContent-Length: 0\r\n\r\n`,
  );
}

function response(status: number, method = 'INVITE'): SipMessage {
  return SipMessage.parse(
    `SIP/2.0 ${status} X\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n` +
      `From: <sip:a@x>;tag=1\r\nTo: <sip:b@y>;tag=2\r\nCall-ID: c1\r\nCSeq: 1 ${method}\r\nContent-Length: 0\r\n\r\n`,
  );
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('INVITE client transaction that rings', () => {
  const make = () => {
    const sent: string[] = [];
    const events: string[] = [];
    const txn = new ClientTransaction({
      request: request('INVITE'),
      data: 'INVITE',
      reliable: false,
      timers: { ...timers, timerC: 180_000 },
      send: (d) => sent.push(d),
      buildAck: () => 'ACK',
      onResponse: (r) => events.push(`res:${r.status}`),
      onTimeout: () => events.push('timeout'),
      onTimerC: () => events.push('timer C'),
      onTerminated: () => events.push('terminated'),
    });
    txn.start();
    return { txn, sent, events };
  };

  it('does not time out on Timer B once a provisional arrived (RFC 3261 §17.1.1.2)', () => {
    const { txn, events } = make();
    txn.onResponse(response(180));
    jest.advanceTimersByTime(3 * 64 * 500);
    expect(events).toEqual(['res:180']);
    expect(txn.state).toBe('proceeding');
    txn.onResponse(response(200));
    expect(events).toEqual(['res:180', 'res:200']);
  });

  it('fires Timer C after a ring with no further provisional, each provisional restarting it', () => {
    const { txn, events } = make();
    txn.onResponse(response(180));
    jest.advanceTimersByTime(179_000);
    txn.onResponse(response(183));
    jest.advanceTimersByTime(179_999);
    expect(events).toEqual(['res:180', 'res:183']);
    jest.advanceTimersByTime(1);
    expect(events).toEqual(['res:180', 'res:183', 'timer C']);
    expect(txn.state).toBe('proceeding');
  });

  it('gives up 64*T1 after a CANCEL that draws no final response (RFC 3261 §9.1)', () => {
    const { txn, events } = make();
    txn.onResponse(response(180));
    txn.cancelSent();
    jest.advanceTimersByTime(64 * 500 - 1);
    expect(events).toEqual(['res:180']);
    jest.advanceTimersByTime(1);
    expect(events).toEqual(['res:180', 'timeout', 'terminated']);
  });

  it('takes the 487 to its CANCEL as the final response and ACKs it', () => {
    const { txn, sent, events } = make();
    txn.onResponse(response(180));
    txn.cancelSent();
    txn.onResponse(response(180));
    txn.onResponse(response(487));
    jest.advanceTimersByTime(64 * 500);
    expect(sent).toEqual(['INVITE', 'ACK']);
    expect(events).toEqual(['res:180', 'res:180', 'res:487', 'terminated']);
  });
});

describe('INVITE client transaction', () => {
  const make = (reliable = false) => {
    const sent: string[] = [];
    const events: string[] = [];
    const txn = new ClientTransaction({
      request: request('INVITE'),
      data: 'INVITE',
      reliable,
      timers,
      send: (d) => sent.push(d),
      buildAck: () => 'ACK',
      onResponse: (r) => events.push(`res:${r.status}`),
      onTimeout: () => events.push('timeout'),
      onTerminated: () => events.push('terminated'),
    });
    txn.start();
    return { txn, sent, events };
  };

  it('retransmits on timer A with doubling intervals over UDP', () => {
    const { sent } = make();
    jest.advanceTimersByTime(500 + 1000 + 2000);
    expect(sent).toEqual(['INVITE', 'INVITE', 'INVITE', 'INVITE']);
  });

  it('does not retransmit over a reliable transport', () => {
    const { sent } = make(true);
    jest.advanceTimersByTime(10_000);
    expect(sent).toEqual(['INVITE']);
  });

  it('times out with timer B after 64*T1 when nothing answers', () => {
    const { events } = make();
    jest.advanceTimersByTime(64 * 500 - 1);
    expect(events).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(events).toEqual(['timeout', 'terminated']);
  });

  it('stops retransmitting once a provisional response arrives', () => {
    const { txn, sent } = make();
    txn.onResponse(response(180));
    jest.advanceTimersByTime(5000);
    expect(sent).toEqual(['INVITE']);
    expect(txn.state).toBe('proceeding');
  });

  it('ACKs a non-2xx final itself and re-ACKs its retransmissions', () => {
    const { txn, sent, events } = make();
    txn.onResponse(response(486));
    txn.onResponse(response(486));
    expect(sent).toEqual(['INVITE', 'ACK', 'ACK']);
    expect(events).toEqual(['res:486']);
    jest.advanceTimersByTime(64 * 500);
    expect(events).toEqual(['res:486', 'terminated']);
  });

  it('passes every 2xx to the TU in the Accepted state and does not ACK it', () => {
    const { txn, sent, events } = make();
    txn.onResponse(response(200));
    txn.onResponse(response(200));
    expect(sent).toEqual(['INVITE']);
    expect(events).toEqual(['res:200', 'res:200']);
    expect(txn.state).toBe('accepted');
  });
});

describe('non-INVITE client transaction', () => {
  it('retransmits with timer E capped at T2 and times out with timer F', () => {
    const sent: string[] = [];
    const events: string[] = [];
    const txn = new ClientTransaction({
      request: request('OPTIONS'),
      data: 'OPTIONS',
      reliable: false,
      timers,
      send: (d) => sent.push(d),
      buildAck: () => '',
      onResponse: () => events.push('res'),
      onTimeout: () => events.push('timeout'),
      onTerminated: () => events.push('terminated'),
    });
    txn.start();
    jest.advanceTimersByTime(500 + 1000 + 2000 + 4000 + 4000);
    expect(sent).toHaveLength(6);
    jest.advanceTimersByTime(64 * 500);
    expect(events).toEqual(['timeout', 'terminated']);
  });

  it('waits timer K after a final response before terminating', () => {
    const events: string[] = [];
    const txn = new ClientTransaction({
      request: request('BYE'),
      data: 'BYE',
      reliable: false,
      timers,
      send: () => undefined,
      buildAck: () => '',
      onResponse: () => events.push('res'),
      onTimeout: () => events.push('timeout'),
      onTerminated: () => events.push('terminated'),
    });
    txn.start();
    txn.onResponse(response(200, 'BYE'));
    jest.advanceTimersByTime(4999);
    expect(events).toEqual(['res']);
    jest.advanceTimersByTime(1);
    expect(events).toEqual(['res', 'terminated']);
  });
});
