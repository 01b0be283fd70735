import type { DialogDuties } from '../dialogs/dialog-duties';
import type { DialogTable } from '../dialogs/dialog-table';
import { buildInDialogRequest } from '../dialogs/in-dialog-request';
import { localContactFor, requestForInvite, viaHeader } from '../sip/message-builders';
import { parseUri, randomToken, uriOfNameAddr, type SipMessage } from '../sip/sip-message';
import { MAGIC_COOKIE } from '../sip/via';
import type { ClientTransactions } from '../transactions/client-transaction-table';
import type { DestinationResolver } from '../transport/destination-resolver';
import type { LocalEndpoint, TransportLayer } from '../transport/transport-layer';
import { replyNok, replyOk } from './app-messages';
import type { AppConnection } from './app-registry';
import type { CdrEmitter } from './cdr-emitter';

export interface AppRequestsOptions {
  transport: TransportLayer;
  resolver: DestinationResolver;
  dialogs: DialogTable;
  clients: ClientTransactions;
  duties: DialogDuties;
  cdr: CdrEmitter;
}

const CONTACT_METHODS = ['INVITE', 'SUBSCRIBE', 'REFER', 'NOTIFY', 'UPDATE'];

/**
 * Requests apps send (the server acts as their UAC): new requests completed with the
 * headers drachtio-server fills in, requests inside a dialog built from the dialog,
 * the ACK for a 2xx, and CANCEL of an INVITE the app sent. Every one is answered OK
 * (with the message as sent) or NOK.
 */
export class AppRequests {
  constructor(private readonly o: AppRequestsOptions) {}

  /** CANCEL with the txnId of an INVITE the app sent. */
  cancel(app: AppConnection, rid: string, txnId: string, m: SipMessage): void {
    const entry = this.o.clients.getById(txnId);
    if (!entry || entry.request.method !== 'INVITE') {
      replyNok(app, rid, 'unknown transaction');
      return;
    }
    this.o.clients.requestCancel(entry, m);
    replyOk(app, rid, entry.dest, '', '', requestForInvite(entry.request, 'CANCEL', entry.request.get('to') ?? '').toString());
  }

  /**
   * drachtio-srf ACKs every final response; for a non-2xx the transaction layer has
   * already sent the ACK (RFC 3261 §17.1.1.3), so there is nothing to do.
   */
  ackWithoutDialog(app: AppConnection, rid: string, m: SipMessage): void {
    replyOk(app, rid, undefined, '', '', m.toString());
  }

  async newRequest(app: AppConnection, rid: string, m: SipMessage, outboundProxy: string): Promise<void> {
    const method = m.method ?? '';
    if (!m.uri || !parseUri(m.uri)) {
      replyNok(app, rid, 'invalid request uri');
      return;
    }
    const routeTop = m.getAll('route')[0];
    const target = outboundProxy || (routeTop ? uriOfNameAddr(routeTop) : m.uri);
    const dest = await this.o.resolver.resolve(target ?? '');
    if (!dest) {
      replyNok(app, rid, `unable to resolve ${target}`);
      return;
    }
    const ep = this.o.transport.endpointFor(dest.transport, dest.address);
    if (!ep) {
      replyNok(app, rid, 'no transport for destination');
      return;
    }
    m.remove('via');
    if (!m.has('call-id')) m.set('call-id', `${randomToken(12)}@${ep.advertisedHost}`);
    let from = m.get('from') ?? `<sip:${ep.advertisedHost}>`;
    from = replaceLocalhost(from, ep, false);
    if (!/;\s*tag=/i.test(from)) from = `${from};tag=${randomToken(6)}`;
    m.set('from', from);
    if (!m.has('to')) m.set('to', `<${m.uri}>`);
    if (!m.has('cseq')) m.set('cseq', `${1 + Math.floor(Math.random() * 1000)} ${method}`);
    else if (!/^\s*\d+\s+\S+/.test(m.get('cseq') ?? '')) m.set('cseq', `1 ${method}`);
    if (m.has('contact')) m.set('contact', replaceLocalhost(m.get('contact') ?? '', ep, true));
    else if (CONTACT_METHODS.includes(method)) {
      const fromUri = parseUri(uriOfNameAddr(from) ?? '');
      m.set('contact', localContactFor(ep, fromUri?.user));
    }
    const createsDialog = method === 'INVITE' || method === 'SUBSCRIBE';
    const entry = this.o.clients.sendRequestTo(m, dest, { app, createsDialog });
    if (!entry) {
      replyNok(app, rid, 'unable to send request');
      return;
    }
    if (method === 'INVITE') this.o.cdr.emit('cdr:attempt', 'application', m, []);
    replyOk(app, rid, dest, entry.id, '', m.toString());
  }

  /** A request (or the ACK for a 2xx) in dialog `dialogId`; the app's Request-URI is a placeholder. */
  async inDialog(app: AppConnection, rid: string, dialogId: string, m: SipMessage): Promise<void> {
    const d = this.o.dialogs.getById(dialogId);
    const method = m.method ?? '';
    if (!d || d.terminated) {
      replyNok(app, rid, 'unable to find dialog');
      return;
    }
    if (method === 'ACK') {
      const ack = buildInDialogRequest(d, 'ACK', m, d.lastInviteCseq);
      const dest = await this.o.resolver.resolveDialogTarget(d);
      if (!dest) {
        replyNok(app, rid, 'unable to resolve dialog target');
        return;
      }
      const ep = this.o.transport.endpointFor(dest.transport, dest.address);
      if (!ep) {
        replyNok(app, rid, 'no transport');
        return;
      }
      ack.prepend('via', viaHeader(dest.transport, ep, `${MAGIC_COOKIE}${randomToken(10)}`));
      const data = ack.toString();
      d.lastAck = { cseq: d.lastInviteCseq, data, dest };
      this.o.transport.send(dest, data);
      replyOk(app, rid, dest, '', d.id, data);
      return;
    }
    const seq = ++d.localCseq;
    if (method === 'INVITE') d.lastInviteCseq = seq;
    const req = buildInDialogRequest(d, method, m, seq);
    const dest = await this.o.resolver.resolveDialogTarget(d);
    if (!dest) {
      replyNok(app, rid, 'unable to resolve dialog target');
      return;
    }
    if (method === 'BYE') this.o.duties.terminate(d, 'normal-release', 'application', req);
    const entry = this.o.clients.sendRequestTo(req, dest, { app, dialog: d });
    if (!entry) {
      replyNok(app, rid, 'unable to send request');
      return;
    }
    replyOk(app, rid, dest, entry.id, d.id, req.toString());
  }
}

/** drachtio-server rewrites "localhost" in From/Contact to its own address. */
function replaceLocalhost(value: string, ep: LocalEndpoint, withPort: boolean): string {
  return value.replace(/@localhost(?=[;>:]|$)/i, `@${ep.advertisedHost}${withPort ? `:${ep.port}` : ''}`);
}
