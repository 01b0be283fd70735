import type { Logger } from 'pino';
import { nowStamp } from '../apps/app-messages';
import type { CdrEmitter } from '../apps/cdr-emitter';
import { viaHeader } from '../sip/message-builders';
import { randomToken, type SipMessage } from '../sip/sip-message';
import { MAGIC_COOKIE } from '../sip/via';
import type { ClientTransactions } from '../transactions/client-transaction-table';
import type { TimerConfig } from '../transactions/timers';
import type { DestinationResolver } from '../transport/destination-resolver';
import { isStream, type Destination, type TransportLayer } from '../transport/transport-layer';
import type { Dialog, DialogTable } from './dialog-table';
import { buildInDialogRequest } from './in-dialog-request';

export interface DialogDutiesOptions {
  transport: TransportLayer;
  timers: TimerConfig;
  logger: Logger;
  resolver: DestinationResolver;
  dialogs: DialogTable;
  clients: ClientTransactions;
  cdr: CdrEmitter;
}

/**
 * What the server does to a dialog on its own, as drachtio-server does: ACK and re-ACK a
 * 2xx, retransmit a 2xx until its ACK (RFC 3261 §13.3.1.4), hang up (ACK timeout,
 * lifetime cap, stray 2xx, app gone) and tell the app with an unsolicited BYE.
 */
export class DialogDuties {
  constructor(private readonly o: DialogDutiesOptions) {}

  /** The dialog ended by a BYE (either side): forget it and close its CDR. */
  terminate(d: Dialog, reason: string, source: 'network' | 'application', msg: SipMessage): void {
    if (d.terminated) return;
    this.o.dialogs.remove(d);
    if (d.method === 'INVITE') this.o.cdr.emit('cdr:stop', source, msg, [reason]);
  }

  /** ACK for a 2xx: sent by the UAC core outside any transaction (RFC 3261 §13.2.2.4). */
  sendAck(d: Dialog, cseq: number, appMsg: SipMessage | undefined): SipMessage | undefined {
    const ack = buildInDialogRequest(d, 'ACK', appMsg, cseq);
    this.o.resolver.resolveDialogTarget(d).then((dest) => {
      if (!dest) return;
      const ep = this.o.transport.endpointFor(dest.transport, dest.address);
      if (!ep) return;
      ack.prepend('via', viaHeader(dest.transport, ep, `${MAGIC_COOKIE}${randomToken(10)}`));
      const data = ack.toString();
      d.lastAck = { cseq, data, dest };
      this.o.transport.send(dest, data);
    }, this.logFailure('ack'));
    return ack;
  }

  /** A retransmitted 2xx: send the same ACK again. */
  resendAck(dialog: Dialog, seq: number): void {
    if (dialog.lastAck && dialog.lastAck.cseq === seq) this.o.transport.send(dialog.lastAck.dest, dialog.lastAck.data);
  }

  /** Hangs up a dialog on the server's own account (no app involved in the BYE). */
  sendBye(d: Dialog): void {
    if (d.method !== 'INVITE') {
      this.o.dialogs.remove(d);
      return;
    }
    const bye = buildInDialogRequest(d, 'BYE', undefined, ++d.localCseq);
    this.o.dialogs.remove(d);
    this.o.resolver.resolveDialogTarget(d).then((dest) => {
      if (dest) this.o.clients.sendRequestTo(bye, dest, { handler: () => undefined, onTimeout: () => undefined });
    }, this.logFailure('bye'));
  }

  /** Tells the app its dialog ended without it (and closes the CDR). */
  notifyUnsolicitedBye(d: Dialog, reason: string): void {
    const app = d.app;
    const bye = buildInDialogRequest(d, 'BYE', undefined, d.localCseq);
    bye.set('reason', `SIP;cause=200;text="${reason}"`);
    this.o.cdr.emit('cdr:stop', 'application', bye, [reason]);
    if (!app || app.closed) return;
    const data = bye.toString();
    app.send(['sip', 'application', Buffer.byteLength(data), d.transport, '', '', nowStamp(), 'unsolicited', d.id], data);
  }

  /** SIP_DIALOG_MAX_SECONDS reached. */
  onLifetimeExceeded(d: Dialog): void {
    this.o.logger.info({ callId: d.callId }, 'dialog exceeded max lifetime; tearing down');
    this.sendBye(d);
    this.notifyUnsolicitedBye(d, 'session-expired');
  }

  /** UAS core: keep sending the 2xx until the ACK arrives (RFC 3261 §13.3.1.4). */
  start2xxRetransmit(d: Dialog, cseq: number, data: string, dest: Destination): void {
    const timers = this.o.timers;
    if (d.uas2xx?.timer) clearTimeout(d.uas2xx.timer);
    const state = { cseq, data, dest, interval: timers.t1, started: Date.now(), timer: undefined as NodeJS.Timeout | undefined };
    d.uas2xx = state;
    const reliable = isStream(dest.transport);
    const tick = (): void => {
      if (d.uas2xx !== state || d.terminated) return;
      if (Date.now() - state.started >= 64 * timers.t1) {
        d.uas2xx = undefined;
        this.o.logger.info({ callId: d.callId }, 'no ACK for 2xx; tearing down dialog');
        this.sendBye(d);
        this.notifyUnsolicitedBye(d, 'ack-timeout');
        return;
      }
      if (!reliable) this.o.transport.send(dest, data);
      state.interval = Math.min(2 * state.interval, timers.t2);
      state.timer = setTimeout(tick, reliable ? 64 * timers.t1 : state.interval);
    };
    state.timer = setTimeout(tick, reliable ? 64 * timers.t1 : state.interval);
  }

  /** The ACK for the 2xx arrived: stop retransmitting it. */
  stop2xxRetransmit(d: Dialog, cseq: number): void {
    if (d.uas2xx && d.uas2xx.cseq === cseq) {
      if (d.uas2xx.timer) clearTimeout(d.uas2xx.timer);
      d.uas2xx = undefined;
    }
  }

  private logFailure(what: string): (err: unknown) => void {
    return (err) => this.o.logger.warn({ err }, `failed to send ${what}`);
  }
}
