import type { Logger } from 'pino';
import type { DialogDuties } from '../dialogs/dialog-duties';
import { dialogKey, type Dialog, type DialogTable } from '../dialogs/dialog-table';
import { syntheticResponse } from '../sip/message-builders';
import { detachedCopy } from '../sip/retained-copies';
import { uriOfNameAddr, type SipMessage } from '../sip/sip-message';
import { parseVia } from '../sip/via';
import type { ClientTransactions, DefaultResponseHandler } from '../transactions/client-transaction-table';
import type { ClientTxnEntry } from '../transactions/transaction-entries';
import { sendNetworkResponse } from './app-messages';
import { rejectionReason, type CdrEmitter } from './cdr-emitter';

export interface UacResponsesOptions {
  log: Logger;
  clients: ClientTransactions;
  dialogs: DialogTable;
  duties: DialogDuties;
  cdr: CdrEmitter;
}

/**
 * Responses from the network to requests we sent. Each is matched to its client
 * transaction; for an app's request the core creates the UAC dialog on a 2xx, ACKs and
 * hangs up a 2xx nobody wants, and reports the response (or a 408 on timeout) to the app.
 */
export class UacResponses implements DefaultResponseHandler {
  constructor(private readonly o: UacResponsesOptions) {}

  /** Every response from the network lands here first. */
  onNetworkResponse(res: SipMessage): void {
    const vias = res.getAll('via');
    const via = parseVia(vias[0]);
    const branch = via.params.get('branch') ?? '';
    const key = `${branch}|${res.cseq.method}`;
    const entry = this.o.clients.get(key);
    if (!entry) {
      if (this.o.clients.forwardAnswered(key, res)) return;
      // 2xx retransmitted after our INVITE transaction ended: re-send the ACK (UAC core duty)
      if (res.cseq.method === 'INVITE' && (res.status ?? 0) >= 200 && (res.status ?? 0) < 300) {
        const dialog = this.o.dialogs.find(res.callId, res.fromTag ?? '', res.toTag ?? '');
        if (dialog) this.o.duties.resendAck(dialog, res.cseq.seq);
      }
      return;
    }
    if (entry.abandoned && entry.txn.state === 'terminated') {
      // the transaction ran out (Timer B) but is remembered for a while: a late answer is ours
      if (res.cseq.method === 'INVITE' && (res.status ?? 0) >= 200 && (res.status ?? 0) < 300) this.onAbandoned2xx(entry, res);
      return;
    }
    entry.txn.onResponse(res);
  }

  /**
   * An answer from a leg the core gave up on (timed out, or cancelled by Timer C): nobody
   * will take it, and left alone the far end would keep the call up and bill it. ACK it and
   * hang up at once (RFC 3261 §13.2.2.4); a retransmission of the same 2xx gets the same ACK.
   */
  onAbandoned2xx(entry: ClientTxnEntry, res: SipMessage): void {
    const toTag = res.toTag ?? '';
    const known = entry.lateAnswers?.get(toTag);
    if (known) {
      this.o.duties.resendAck(known, res.cseq.seq);
      return;
    }
    this.o.log.info({ callId: res.callId, status: res.status }, 'answer for an INVITE that was given up: ACK and BYE');
    const d = this.dialogFromResponse(entry, res);
    d.app = undefined;
    (entry.lateAnswers ??= new Map()).set(detachedCopy(toTag), d);
    this.o.duties.sendAck(d, res.cseq.seq, undefined);
    this.o.duties.sendBye(d);
  }

  /** A response to an app's request (the transaction layer has already seen it). */
  onResponse(entry: ClientTxnEntry, res: SipMessage): void {
    const status = res.status ?? 0;
    const req = entry.request;
    let dialogId = '';
    if (req.method === 'INVITE' && status >= 200 && status < 300) {
      const toTag = res.toTag ?? '';
      if (entry.dialog) {
        // re-INVITE answered: refresh the target (RFC 3261 §12.2.1.2)
        dialogId = entry.dialog.id;
        const contact = res.getAll('contact')[0];
        const uri = contact ? uriOfNameAddr(contact) : undefined;
        if (uri) entry.dialog.remoteTarget = uri;
        if (entry.txn.state === 'accepted' && entry.answeredTag !== undefined) {
          this.o.duties.resendAck(entry.dialog, res.cseq.seq);
          return;
        }
        entry.answeredTag = detachedCopy(toTag);
      } else if (entry.createsDialog) {
        if (entry.answeredTag !== undefined) {
          const d = this.o.dialogs.find(req.callId, req.fromTag ?? '', toTag);
          if (toTag === entry.answeredTag && d) this.o.duties.resendAck(d, res.cseq.seq);
          else if (toTag !== entry.answeredTag) this.ackAndByeStray(entry, res);
          return;
        }
        entry.answeredTag = detachedCopy(toTag);
        if (!entry.app || entry.app.closed) {
          this.ackAndByeStray(entry, res);
          return;
        }
        const d = this.createUacDialog(entry, res);
        dialogId = d.id;
        this.o.cdr.emit('cdr:start', 'application', res, ['uac']);
      }
    } else if (req.method === 'SUBSCRIBE' && status >= 200 && status < 300 && entry.createsDialog && !entry.dialog) {
      if (entry.answeredTag !== undefined) return;
      entry.answeredTag = detachedCopy(res.toTag ?? '');
      if (entry.app && !entry.app.closed) dialogId = this.createUacDialog(entry, res).id;
    } else if (entry.dialog) {
      dialogId = entry.dialog.id;
    } else if (req.method === 'INVITE' && status >= 300 && entry.createsDialog) {
      this.o.cdr.emit('cdr:stop', 'application', res, [rejectionReason(status)]);
    }
    if (req.method === 'INVITE' && status < 200 && status > 100 && entry.createsDialog && (!entry.app || entry.app.closed)) {
      // app vanished while the call was ringing: give up on it
      entry.cancelRequested = true;
      this.o.clients.sendCancel(entry);
    }
    if (!entry.app || entry.app.closed) return;
    sendNetworkResponse(entry.app, res.toString(), entry.dest, entry.id, dialogId);
  }

  /** Timer B/F/C fired for an app's request: it gets a 408 as if the network had sent one. */
  onTimeout(entry: ClientTxnEntry): void {
    const req = entry.request;
    const res = syntheticResponse(req, 408);
    if (entry.handler) {
      entry.handler(res, entry);
      return;
    }
    if (req.method === 'INVITE' && entry.createsDialog) this.o.cdr.emit('cdr:stop', 'application', res, ['call-rejected']);
    if (req.method === 'BYE' && entry.dialog) this.o.dialogs.remove(entry.dialog);
    if (!entry.app || entry.app.closed) return;
    sendNetworkResponse(entry.app, res.toString(), entry.dest, entry.id, entry.dialog?.id ?? '');
  }

  /** A 2xx nobody wants (second fork, or the app is gone): ACK it and hang it up. */
  private ackAndByeStray(entry: ClientTxnEntry, res: SipMessage): void {
    const tmp = this.dialogFromResponse(entry, res);
    tmp.app = undefined;
    this.o.duties.sendAck(tmp, res.cseq.seq, undefined);
    this.o.duties.sendBye(tmp);
  }

  private dialogFromResponse(entry: ClientTxnEntry, res: SipMessage): Dialog {
    const req = entry.request;
    const contact = res.getAll('contact')[0];
    const rr = res.getAll('record-route').slice().reverse();
    const localTag = req.fromTag ?? '';
    return {
      id: `${req.callId};from-tag=${localTag}`,
      key: dialogKey(req.callId, localTag, res.toTag ?? ''),
      role: 'uac',
      method: req.method ?? 'INVITE',
      app: entry.app,
      callId: req.callId,
      localTag,
      remoteTag: res.toTag ?? '',
      localHeader: req.get('from') ?? '',
      remoteHeader: res.get('to') ?? '',
      localCseq: req.cseq.seq,
      remoteCseq: 0,
      remoteTarget: (contact ? uriOfNameAddr(contact) : undefined) ?? req.uri ?? '',
      routeSet: rr,
      transport: entry.dest.transport,
      connectionKey: entry.dest.connectionKey,
      localContact: req.get('contact') ?? '',
      lastInviteCseq: req.cseq.seq,
      ackedCseq: 0,
      terminated: false,
    };
  }

  private createUacDialog(entry: ClientTxnEntry, res: SipMessage): Dialog {
    const d = this.dialogFromResponse(entry, res);
    this.o.dialogs.add(d);
    return d;
  }
}
