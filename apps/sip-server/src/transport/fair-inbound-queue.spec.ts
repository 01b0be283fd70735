import { FairInboundQueue, type QueuedMessage } from './fair-inbound-queue';

interface Msg extends QueuedMessage {
  id: string;
}

const msg = (remoteAddress: string, id: string, bytes = 10): Msg => ({ remoteAddress, id, data: { length: bytes } });

/** A queue whose turns run only when the test says so, with a clock the handler advances. */
function harness(o: { perSourceBytes?: number; totalBytes?: number; turnBudgetMs?: number; busyTurnsPerMessage?: number; costMs?: number } = {}) {
  const handled: string[] = [];
  const turns: (() => void)[] = [];
  let clock = 0;
  const q = new FairInboundQueue<Msg>({
    perSourceBytes: o.perSourceBytes ?? 1000,
    totalBytes: o.totalBytes ?? 10_000,
    turnBudgetMs: o.turnBudgetMs ?? 1000,
    busyTurnsPerMessage: o.busyTurnsPerMessage ?? 1,
    handle: (m) => {
      handled.push(m.id);
      clock += o.costMs ?? 0;
    },
    schedule: (fn) => turns.push(fn),
    now: () => clock,
  });
  const runTurn = () => turns.shift()?.();
  return { q, handled, turns, runTurn };
}

describe('FairInboundQueue', () => {
  it('serves sources round-robin, each in the order it sent', () => {
    const h = harness();
    for (const m of [msg('flood', 'f1'), msg('flood', 'f2'), msg('flood', 'f3'), msg('phone', 'p1'), msg('flood', 'f4'), msg('phone', 'p2'), msg('trunk', 't1')]) h.q.push(m);
    h.runTurn();
    expect(h.handled).toEqual(['f1', 'p1', 't1', 'f2', 'p2', 'f3', 'f4']);
    expect(h.q.queued).toBe(0);
  });

  it.each([
    ['a source over its own share', { perSourceBytes: 30 }, [msg('a', 'a1'), msg('a', 'a2'), msg('a', 'a3'), msg('a', 'a4'), msg('b', 'b1')], ['a1', 'b1', 'a2', 'a3']],
    ['anyone once the total is reached', { totalBytes: 30 }, [msg('a', 'a1'), msg('b', 'b1'), msg('c', 'c1'), msg('d', 'd1')], ['a1', 'b1', 'c1']],
    ['a message larger than a whole share', { perSourceBytes: 30 }, [msg('a', 'big', 31), msg('a', 'a1')], ['a1']],
  ])('drops what arrives from %s, unhandled', (_name, o, msgs, expected) => {
    const h = harness(o);
    const accepted = msgs.map((m) => h.q.push(m));
    h.runTurn();
    expect(h.handled).toEqual(expected);
    expect(h.q.dropped).toBe(accepted.filter((a) => !a).length);
  });

  it('yields after its time budget so sockets are read between turns, and carries on in the next turn', () => {
    const h = harness({ turnBudgetMs: 10, costMs: 1 });
    for (let i = 0; i < 20; i++) h.q.push(msg('a', `a${i}`));
    h.runTurn();
    expect(h.handled).toHaveLength(10);
    expect(h.turns).toHaveLength(1);
    h.runTurn();
    expect(h.handled).toHaveLength(20);
    expect(h.turns).toHaveLength(0);
  });

  it('while whole read batches keep arriving, handles one message every few turns so reading catches up first', () => {
    const h = harness({ totalBytes: 1e9, perSourceBytes: 1e9, turnBudgetMs: 10, busyTurnsPerMessage: 3, costMs: 1 });
    // what the rate limit refuses counts as read too: only every fourth message is queued
    const batch = (n: number) => {
      for (let i = 0; i < n; i++) {
        h.q.noteRead();
        if (i % 4 === 0) h.q.push(msg(`s${i % 3}`, `m${i}`));
      }
    };
    const handledPerTurn: number[] = [];
    for (let turn = 0; turn < 6; turn++) {
      batch(32);
      const before = h.handled.length;
      h.runTurn();
      handledPerTurn.push(h.handled.length - before);
    }
    expect(handledPerTurn).toEqual([0, 0, 1, 0, 0, 1]);
    // a turn after fewer than a batch: reading has caught up, back to the full budget
    batch(5);
    h.runTurn();
    expect(h.handled).toHaveLength(12);
    expect(h.q.queued).toBe(6 * 8 + 2 - 12);
  });

  it('schedules one turn however many messages arrive before it runs', () => {
    const h = harness();
    for (let i = 0; i < 5; i++) h.q.push(msg(`s${i}`, `m${i}`));
    expect(h.turns).toHaveLength(1);
  });

  it('keeps going after a handler throws', () => {
    const turns: (() => void)[] = [];
    const handled: string[] = [];
    const q = new FairInboundQueue<Msg>({
      perSourceBytes: 100,
      totalBytes: 100,
      turnBudgetMs: 1000,
      busyTurnsPerMessage: 1,
      handle: (m) => {
        if (m.id === 'bad') throw new Error('boom');
        handled.push(m.id);
      },
      schedule: (fn) => turns.push(fn),
      now: () => 0,
    });
    q.push(msg('a', 'bad'));
    q.push(msg('a', 'good'));
    expect(() => turns.shift()?.()).toThrow('boom');
    turns.shift()?.();
    expect(handled).toEqual(['good']);
  });

  it('frees a source once its messages are handled, and its bytes with it', () => {
    const h = harness({ perSourceBytes: 20 });
    h.q.push(msg('a', 'a1'));
    h.q.push(msg('a', 'a2'));
    expect(h.q.push(msg('a', 'a3'))).toBe(false);
    h.runTurn();
    expect(h.q.queuedBytes).toBe(0);
    expect(h.q.push(msg('a', 'a4'))).toBe(true);
  });
});
