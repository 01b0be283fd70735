import type { DialogDuties } from '../dialogs/dialog-duties';
import { dialogKey, type Dialog, type DialogTable } from '../dialogs/dialog-table';
import { localContactFor, NO_COPY_FROM_APP } from '../sip/message-builders';
import { detachedCopy } from '../sip/retained-copies';
import { parseNameAddr, uriOfNameAddr, type SipMessage } from '../sip/sip-message';
import type { ServerTransactions } from '../transactions/server-transaction-table';
import type { ServerTxnEntry } from '../transactions/transaction-entries';
import { replyNok, replyOk } from './app-messages';
import type { AppConnection } from './app-registry';
import { rejectionReason, type CdrEmitter } from './cdr-emitter';

export interface AppResponsesOptions {
  servers: ServerTransactions;
  dialogs: DialogTable;
  duties: DialogDuties;
  cdr: CdrEmitter;
}

/**
 * Responses apps send to requests from the network (the server acts as their UAS): the
 * response is completed from the request, a 2xx to INVITE/SUBSCRIBE creates the dialog,
 * and a 2xx to INVITE is retransmitted until its ACK.
 */
export class AppResponses {
  constructor(private readonly o: AppResponsesOptions) {}

  respond(app: AppConnection, rid: string, txnId: string, m: SipMessage): void {
    const entry = this.o.servers.getById(txnId);
    if (!entry || entry.proxy) {
      replyNok(app, rid, 'unknown or completed transaction');
      return;
    }
    const status = m.status ?? 0;
    if (entry.txn.lastStatus >= 200 || entry.txn.state === 'terminated') {
      replyNok(app, rid, 'final response already sent');
      return;
    }
    const req = entry.request;
    const res = this.o.servers.buildResponse(entry, status, m.reason || undefined);
    const appTo = m.get('to');
    const appTag = appTo ? parseNameAddr(appTo)?.params['tag'] : undefined;
    if (appTag && !req.toTag && status > 100) {
      entry.toTag = detachedCopy(appTag);
      res.set('to', `${req.get('to')};tag=${appTag}`);
    }
    for (const [k, v] of m.headers) {
      if (NO_COPY_FROM_APP.has(k)) continue;
      res.headers.set(k, [...v]);
    }
    res.body = m.body;
    const method = req.method ?? '';
    const formsDialog = (method === 'INVITE' || method === 'SUBSCRIBE') && !entry.dialog;
    if (formsDialog && status > 100 && status < 300) {
      const rr = req.getAll('record-route');
      if (rr.length) res.set('record-route', rr);
      if (!res.has('contact')) res.set('contact', localContactFor(entry.inbound));
    } else if (method === 'INVITE' && entry.dialog && status >= 200 && status < 300 && !res.has('contact')) {
      res.set('contact', entry.dialog.localContact);
    }
    let dialogId = entry.dialog?.id ?? '';
    if (formsDialog && status >= 200 && status < 300) {
      const d = this.createUasDialog(entry, res, app);
      dialogId = d.id;
      if (method === 'INVITE') this.o.cdr.emit('cdr:start', 'network', res, ['uas']);
    }
    const data = res.toString();
    const dialog = entry.dialog; // sending a final response releases it from the entry
    entry.txn.sendResponse(status, data);
    if (method === 'INVITE' && status >= 200 && status < 300 && dialog) {
      this.o.duties.start2xxRetransmit(dialog, req.cseq.seq, data, entry.responseDest);
    }
    if (method === 'INVITE' && status >= 300 && !dialog && entry.cdrAttempted) {
      this.o.cdr.emit('cdr:stop', 'network', res, [rejectionReason(status)]);
    }
    if (status >= 200 && entry.answerTimer) clearTimeout(entry.answerTimer);
    replyOk(app, rid, entry.responseDest, entry.id, dialogId, data);
  }

  private createUasDialog(entry: ServerTxnEntry, res: SipMessage, app: AppConnection): Dialog {
    const req = entry.request;
    const remoteTag = req.fromTag ?? '';
    const localTag = entry.toTag ?? '';
    const contact = req.getAll('contact')[0];
    const d: Dialog = {
      id: `${req.callId};from-tag=${remoteTag}`,
      key: dialogKey(req.callId, localTag, remoteTag),
      role: 'uas',
      method: req.method ?? 'INVITE',
      app,
      callId: req.callId,
      localTag,
      remoteTag,
      localHeader: res.get('to') ?? '',
      remoteHeader: req.get('from') ?? '',
      localCseq: 1 + Math.floor(Math.random() * 1000),
      remoteCseq: req.cseq.seq,
      remoteTarget: (contact ? uriOfNameAddr(contact) : undefined) ?? '',
      routeSet: req.getAll('record-route'),
      transport: entry.packet.transport,
      connectionKey: entry.packet.connectionKey,
      localContact: res.get('contact') ?? '',
      lastInviteCseq: req.cseq.seq,
      ackedCseq: 0,
      terminated: false,
    };
    this.o.dialogs.add(d);
    entry.dialog = d;
    return d;
  }
}
