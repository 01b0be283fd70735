import type { Logger } from 'pino';
import type { DialogDuties } from '../dialogs/dialog-duties';
import type { Dialog, DialogTable } from '../dialogs/dialog-table';
import type { ProxyRequests } from '../proxy/proxy-requests';
import { viaHeader } from '../sip/message-builders';
import { randomToken, uriOfNameAddr, type SipMessage } from '../sip/sip-message';
import { MAGIC_COOKIE, bareHost, parseVia, responseTarget, stampReceived, stringifyVia } from '../sip/via';
import type { RetransmissionAbsorber } from '../transactions/retransmission-absorber';
import { serverTransactionKey, type ServerTransactions } from '../transactions/server-transaction-table';
import type { ServerTxnEntry } from '../transactions/transaction-entries';
import type { DestinationResolver } from '../transport/destination-resolver';
import { defaultPort, type Destination, type InboundPacket, type TransportLayer } from '../transport/transport-layer';
import { sendNetworkRequest } from './app-messages';
import { APP_AWAY_RETRY_AFTER_SECONDS, type AppConnection, type AppRegistry } from './app-registry';
import type { CdrEmitter } from './cdr-emitter';

export interface InboundRequestsOptions {
  transport: TransportLayer;
  registry: AppRegistry;
  logger: Logger;
  servers: ServerTransactions;
  retransmissions: RetransmissionAbsorber;
  dialogs: DialogTable;
  duties: DialogDuties;
  resolver: DestinationResolver;
  proxy: ProxyRequests;
  cdr: CdrEmitter;
  /** true once the server drains: new requests are turned away, dialogs and transactions go on */
  draining: () => boolean;
}

const SUPPORTED_EXTENSIONS = ['timer', '100rel', 'replaces'];
/**
 * The methods this server recognises: RFC 3261's and the extensions in general use (INFO,
 * PRACK, UPDATE, SUBSCRIBE/NOTIFY, REFER, MESSAGE, PUBLISH), the set drachtio-server's
 * SIP stack knows. Methods are case-sensitive tokens (§7.1) compared as written.
 */
const KNOWN_METHODS = new Set(['INVITE', 'ACK', 'BYE', 'CANCEL', 'OPTIONS', 'REGISTER', 'INFO', 'PRACK', 'UPDATE', 'SUBSCRIBE', 'NOTIFY', 'REFER', 'MESSAGE', 'PUBLISH']);

/**
 * Requests from the network: retransmissions are absorbed (retransmission-absorber.ts),
 * CANCEL and ACK are matched, in-dialog requests go to the dialog's app (or are proxied
 * when we only record-routed), and new requests go to an app that routed the method.
 */
export class InboundRequests {
  constructor(private readonly o: InboundRequestsOptions) {}

  onRequest(req: SipMessage, p: InboundPacket): void {
    const vias = req.getAll('via');
    const rawTop = vias[0];
    const via = parseVia(rawTop);
    stampReceived(via, p.remoteAddress, p.remotePort);
    vias[0] = stringifyVia(via);
    req.set('via', vias);
    // TCP: answer on the connection the request came in on; if it has gone, open one
    // to the sent-by port (RFC 3261 §18.2.2), not to the peer's ephemeral port.
    const responseDest: Destination =
      p.transport !== 'udp'
        ? { transport: p.transport, address: p.remoteAddress, port: via.port ?? defaultPort(p.transport), connectionKey: p.connectionKey }
        : { transport: 'udp', ...responseTarget(via) };
    if (p.connectionKey && via.params.has('alias')) {
      this.o.transport.addAlias(p.connectionKey, p.transport, bareHost(via.host), via.port ?? defaultPort(p.transport));
    }
    const key = serverTransactionKey(req, via, rawTop);
    const method = req.method ?? '';
    const servers = this.o.servers;

    if (method === 'ACK') {
      if (this.o.retransmissions.absorbAck(key)) return;
      this.onAckForDialog(req, p);
      return;
    }

    if (method === 'CANCEL') {
      this.onCancel(req, p, key, responseDest);
      return;
    }

    if (this.o.retransmissions.absorb(key)) return;

    const entry = servers.create(req, p, key, responseDest);
    if (method === 'INVITE') servers.respond(entry, 100);

    const removedOwnRoute = this.o.resolver.popOwnRoute(req);

    const toTag = req.toTag;
    if (toTag) {
      this.onRequestWithToTag(entry, req, toTag, removedOwnRoute);
      return;
    }

    // Draining (shutting down): what belongs to a dialog or transaction goes on above; anything new
    // is sent elsewhere (another server of the DNS SRV set) or back later.
    if (this.o.draining()) {
      servers.respond(entry, 503, { 'retry-after': APP_AWAY_RETRY_AFTER_SECONDS });
      return;
    }

    if (req.has('require') && method !== 'CANCEL' && this.refusedRequire(entry, req)) return;

    if (removedOwnRoute && req.has('route')) {
      // pre-loaded route through us to somewhere else: act as a proxy for it
      this.o.proxy.forwardToRequestUri(entry);
      return;
    }

    this.onNewRequest(entry, req, method);
  }

  /** In one of our dialogs, in a dialog we only record-routed, or in none we know (481). */
  private onRequestWithToTag(entry: ServerTxnEntry, req: SipMessage, toTag: string, removedOwnRoute: boolean): void {
    const method = req.method ?? '';
    const servers = this.o.servers;
    const dialog = this.o.dialogs.find(req.callId, toTag, req.fromTag ?? '');
    if (dialog && !dialog.terminated) {
      // we are the UA here (§8.2.1); an app's parser would read a method like INV%49TE as INVITE
      if (!KNOWN_METHODS.has(method)) {
        servers.respond(entry, 501);
        return;
      }
      this.onInDialogRequest(entry, dialog);
      return;
    }
    if (removedOwnRoute) {
      // record-routed dialog we proxied: forward statefully without involving an app
      if (method === 'BYE') this.o.proxy.onProxiedBye(req);
      this.o.proxy.forwardToRequestUri(entry);
      return;
    }
    servers.respond(entry, 481);
  }

  /** 420 for a Require naming an extension we do not support; true when it was sent. */
  private refusedRequire(entry: ServerTxnEntry, req: SipMessage): boolean {
    const unsupported = (req.get('require') ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter((t) => t && !SUPPORTED_EXTENSIONS.includes(t));
    if (!unsupported.length) return false;
    this.o.servers.respond(entry, 420, { unsupported: unsupported.join(', ') });
    return true;
  }

  /** A new request outside any dialog: to an app that routed its method, else answered here. */
  private onNewRequest(entry: ServerTxnEntry, req: SipMessage, method: string): void {
    const app = this.o.registry.pick(method);
    if (!app) {
      this.answerUntaken(entry, method);
      return;
    }
    entry.app = app;
    this.o.servers.armAnswerTimer(entry);
    if (method === 'INVITE') {
      entry.cdrAttempted = true;
      this.o.cdr.emit('cdr:attempt', 'network', req, []);
    }
    this.deliver(app, entry, '');
  }

  /** A request no app takes right now. */
  private answerUntaken(entry: ServerTxnEntry, method: string): void {
    const servers = this.o.servers;
    const registry = this.o.registry;
    // Phones and trunks probe with OPTIONS; answer for ourselves unless no app is up.
    if (method === 'OPTIONS') servers.respond(entry, registry.hasAnyApp() ? 200 : 503);
    // §8.2.1 keeps 405 for a method recognised but not taken; one not recognised at all
    // (INV%49TE, NEWMETHOD) is not implemented by anyone here, now or after a restart (§21.5.2).
    else if (!KNOWN_METHODS.has(method) && !registry.everRouted(method)) servers.respond(entry, 501);
    // No app at all, or the ones for this method are gone (restarting): come back shortly.
    else if (!registry.hasAnyApp() || registry.everRouted(method)) servers.respond(entry, 503, { 'retry-after': APP_AWAY_RETRY_AFTER_SECONDS });
    // Apps are up and none has ever taken this method: not one this server handles.
    else servers.respond(entry, 405, { allow: [...new Set([...registry.routedMethods(), 'OPTIONS', 'CANCEL'])].join(', ') });
  }

  private deliver(app: AppConnection, entry: ServerTxnEntry, dialogId: string): void {
    sendNetworkRequest(app, entry.request.toString(), entry.packet, entry.id, dialogId);
  }

  /** CANCEL: 200 for it, 487 for the INVITE (or cancel the proxy branches), tell the app. */
  private onCancel(req: SipMessage, p: InboundPacket, inviteKey: string, responseDest: Destination): void {
    const servers = this.o.servers;
    const cancelKey = inviteKey.replace(/\|INVITE$/, '|CANCEL');
    if (this.o.retransmissions.absorb(cancelKey)) return;
    const cancelEntry = servers.create(req, p, cancelKey, responseDest);
    const invite = servers.get(inviteKey);
    if (!invite || invite.request.method !== 'INVITE') {
      servers.respond(cancelEntry, 481);
      return;
    }
    // §9.2: the CANCEL's To tag must match the one we put on provisional responses
    if (invite.toTag) cancelEntry.toTag = invite.toTag;
    servers.respond(cancelEntry, 200);
    if (invite.txn.lastStatus >= 200) return;
    if (invite.proxy) {
      invite.proxy.cancel();
      return;
    }
    servers.respond(invite, 487);
    if (invite.app) sendNetworkRequest(invite.app, req.toString(), p, cancelEntry.id, '');
  }

  /** ACK for a 2xx: ends 2xx retransmission and goes to the dialog's app, or is forwarded. */
  private onAckForDialog(req: SipMessage, p: InboundPacket): void {
    const dialog = this.o.dialogs.find(req.callId, req.toTag ?? '', req.fromTag ?? '');
    if (dialog) {
      const seq = req.cseq.seq;
      this.o.duties.stop2xxRetransmit(dialog, seq);
      if (dialog.ackedCseq >= seq) return; // retransmitted ACK
      dialog.ackedCseq = seq;
      if (dialog.app) sendNetworkRequest(dialog.app, req.toString(), p, randomToken(10), dialog.id);
      return;
    }
    // ACK for a 2xx in a dialog we record-routed: forward statelessly
    if (this.o.resolver.popOwnRoute(req)) {
      this.forwardStateless(req).catch((err: unknown) => this.o.logger.warn({ err }, 'stateless forward failed'));
    }
  }

  private async forwardStateless(req: SipMessage): Promise<void> {
    const target = req.getAll('route')[0] ? uriOfNameAddr(req.getAll('route')[0]) : req.uri;
    const dest = await this.o.resolver.resolve(target ?? '');
    if (!dest) return;
    const mf = Number(req.get('max-forwards') ?? '70');
    if (mf <= 0) return;
    req.set('max-forwards', String(mf - 1));
    const ep = this.o.transport.endpointFor(dest.transport, dest.address);
    if (!ep) return;
    req.prepend('via', viaHeader(dest.transport, ep, `${MAGIC_COOKIE}${randomToken(8)}`));
    this.o.transport.send(dest, req.toString());
  }

  private onInDialogRequest(entry: ServerTxnEntry, dialog: Dialog): void {
    const req = entry.request;
    const seq = req.cseq.seq;
    if (seq <= dialog.remoteCseq && req.method !== 'ACK') {
      this.o.servers.respond(entry, 500, { 'retry-after': '1' });
      return;
    }
    dialog.remoteCseq = seq;
    entry.dialog = dialog;
    entry.toTag = dialog.localTag;
    if (!dialog.app) {
      this.o.servers.respond(entry, 481);
      return;
    }
    entry.app = dialog.app;
    this.o.servers.armAnswerTimer(entry);
    if (req.method === 'BYE') {
      this.o.duties.terminate(dialog, 'normal-release', 'network', req);
    } else if (req.method === 'INVITE') {
      dialog.lastInviteCseq = seq;
    }
    this.deliver(dialog.app, entry, dialog.id);
  }
}
