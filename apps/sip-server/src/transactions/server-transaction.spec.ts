import { SipMessage } from '../sip/sip-message';
import { ServerTransaction } from './server-transaction';
import type { TimerConfig } from './timers';

const timers: TimerConfig = { t1: 500, t2: 4000, t4: 5000 };

function request(method: string): SipMessage {
  return SipMessage.parse(
    `${method} sip:b@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n` +
      `From: <sip:a@x>;tag=1\r\nTo: <sip:b@y>\r\nCall-ID: c1\r\nCSeq: 1 ${method}\r\nContent-Length: 0\r\n\r\n`,
  );
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('INVITE server transaction', () => {
  const make = () => {
    const sent: string[] = [];
    const events: string[] = [];
    const txn = new ServerTransaction({
      request: request('INVITE'),
      reliable: false,
      timers,
      send: (d) => sent.push(d.toString()),
      onTerminated: () => events.push('terminated'),
      onAckTimeout: () => events.push('ack-timeout'),
    });
    return { txn, sent, events };
  };

  it('answers a retransmitted INVITE with the last provisional response', () => {
    const { txn, sent } = make();
    txn.onRetransmission();
    expect(sent).toEqual([]);
    txn.sendResponse(180, '180');
    txn.onRetransmission();
    expect(sent).toEqual(['180', '180']);
  });

  it('retransmits a negative final on timer G until the ACK, then absorbs ACKs', () => {
    const { txn, sent, events } = make();
    txn.sendResponse(486, '486');
    jest.advanceTimersByTime(500 + 1000);
    expect(sent).toEqual(['486', '486', '486']);
    expect(txn.onAck()).toBe(true);
    expect(txn.onAck()).toBe(true);
    jest.advanceTimersByTime(5000);
    expect(sent).toHaveLength(3);
    expect(events).toEqual(['terminated']);
  });

  it('gives up on timer H when no ACK ever arrives', () => {
    const { txn, events } = make();
    txn.sendResponse(500, '500');
    jest.advanceTimersByTime(64 * 500);
    expect(events).toEqual(['ack-timeout', 'terminated']);
  });

  it('absorbs retransmitted INVITEs after a 2xx (Accepted) and ends on timer L', () => {
    const { txn, sent, events } = make();
    txn.sendResponse(200, '200');
    txn.onRetransmission();
    expect(sent).toEqual(['200']);
    jest.advanceTimersByTime(64 * 500);
    expect(events).toEqual(['terminated']);
  });

  it('ignores a second final response from the TU', () => {
    const { txn, sent } = make();
    txn.sendResponse(486, '486');
    txn.sendResponse(200, '200');
    expect(sent).toEqual(['486']);
  });
});

describe('non-INVITE server transaction', () => {
  it('absorbs retransmissions while trying, resends the final while completed, ends on timer J', () => {
    const sent: string[] = [];
    const events: string[] = [];
    const txn = new ServerTransaction({
      request: request('BYE'),
      reliable: false,
      timers,
      send: (d) => sent.push(d.toString()),
      onTerminated: () => events.push('terminated'),
    });
    txn.onRetransmission();
    expect(sent).toEqual([]);
    txn.sendResponse(200, '200');
    txn.onRetransmission();
    expect(sent).toEqual(['200', '200']);
    jest.advanceTimersByTime(64 * 500);
    expect(events).toEqual(['terminated']);
  });

  it('hands a completed transaction over to its owner when offered, and terminates at once', () => {
    const sent: string[] = [];
    const lingered: string[] = [];
    const events: string[] = [];
    const txn = new ServerTransaction({
      request: request('REGISTER'),
      reliable: false,
      timers,
      send: (d) => sent.push(d.toString()),
      onTerminated: () => events.push('terminated'),
      lingerCompleted: (r) => lingered.push(r.toString()) > 0,
    });
    txn.sendResponse(200, '200 ok');
    expect(sent).toEqual(['200 ok']);
    expect(lingered).toEqual(['200 ok']);
    expect(events).toEqual(['terminated']);
  });

  it('keeps Timer J itself when the owner declines, or over a reliable transport', () => {
    for (const [reliable, accept] of [[false, false], [true, true]] as const) {
      const events: string[] = [];
      const offered: string[] = [];
      const txn = new ServerTransaction({
        request: request('REGISTER'),
        reliable,
        timers,
        send: () => undefined,
        onTerminated: () => events.push('terminated'),
        lingerCompleted: (r) => offered.push(r.toString()) > 0 && accept,
      });
      txn.sendResponse(200, '200 ok');
      expect(offered).toEqual(reliable ? [] : ['200 ok']);
      expect(events).toEqual([]);
      jest.advanceTimersByTime(64 * 500);
      expect(events).toEqual(['terminated']);
    }
  });
});
