import { EventEmitter } from 'node:events';
import type Srf from 'drachtio-srf';
import { untilHangup } from './hangup';

/**
 * A dialog as drachtio-srf's behaves at its end: `connected` goes false, `destroy` is emitted once,
 * then every listener is dropped. `destroy()` is what the PBX calls to hang a side up.
 */
class StandInDialog extends EventEmitter {
  connected = true;
  hungUpByPbx = 0;
  byeFromPhone(): void {
    this.connected = false;
    this.emit('destroy');
    this.removeAllListeners();
  }
  destroy(): void {
    this.hungUpByPbx++;
    this.connected = false;
  }
  asDialog(): Srf.Dialog {
    return this as unknown as Srf.Dialog;
  }
}

describe('untilHangup', () => {
  it('waits for the first BYE, then hangs up the other side only', async () => {
    const caller = new StandInDialog();
    const callee = new StandInDialog();
    const by = untilHangup(caller.asDialog(), callee.asDialog());
    callee.byeFromPhone();
    await expect(by).resolves.toBe('CALLEE');
    expect([caller.hungUpByPbx, callee.hungUpByPbx]).toEqual([1, 0]);
  });

  it('counts a side that hung up before the bridge was held (its BYE came with the ACK) and hangs up the other', async () => {
    const caller = new StandInDialog();
    const callee = new StandInDialog();
    caller.byeFromPhone();
    await expect(untilHangup(caller.asDialog(), callee.asDialog())).resolves.toBe('CALLER');
    expect([caller.hungUpByPbx, callee.hungUpByPbx]).toEqual([0, 1]);
  });

  it('does the same for a callee that hung up while the caller was being answered', async () => {
    const caller = new StandInDialog();
    const callee = new StandInDialog();
    callee.byeFromPhone();
    await expect(untilHangup(caller.asDialog(), callee.asDialog(), Date.now() + 60_000)).resolves.toBe('CALLEE');
    expect([caller.hungUpByPbx, callee.hungUpByPbx]).toEqual([1, 0]);
  });

  it('ends the call at the cut and hangs up both sides (SYSTEM)', async () => {
    const caller = new StandInDialog();
    const callee = new StandInDialog();
    await expect(untilHangup(caller.asDialog(), callee.asDialog(), Date.now() + 20)).resolves.toBe('SYSTEM');
    expect([caller.hungUpByPbx, callee.hungUpByPbx]).toEqual([1, 1]);
  });
});
