import type { AppConnection } from '../apps/app-registry';
import type { Dialog } from '../dialogs/dialog-table';
import { NO_COPY_FROM_APP, routedRequestForInvite, syntheticResponse, viaHeader } from '../sip/message-builders';
import { requestIdentity } from '../sip/retained-copies';
import { randomToken, uriOfNameAddr, type SipMessage } from '../sip/sip-message';
import { MAGIC_COOKIE, parseVia } from '../sip/via';
import type { DestinationResolver } from '../transport/destination-resolver';
import { isStream, type Destination, type TransportLayer } from '../transport/transport-layer';
import { AnsweredBranches } from './answered-branches';
import { ClientTransaction } from './client-transaction';
import type { TimerConfig } from './timers';
import type { ClientTxnEntry } from './transaction-entries';

export interface SendRequestOptions {
  app?: AppConnection;
  dialog?: Dialog;
  createsDialog?: boolean;
  handler?: (res: SipMessage, entry: ClientTxnEntry) => void;
  onTimeout?: (entry: ClientTxnEntry) => void;
}

/** What happens to responses of transactions that have no handler of their own (an app's requests). */
export interface DefaultResponseHandler {
  onResponse(entry: ClientTxnEntry, res: SipMessage): void;
  /** Timer B/F/C fired or the transport failed */
  onTimeout(entry: ClientTxnEntry): void;
  /** a 2xx for an INVITE the core gave up on (any owner, proxy branches too): ACK it and hang it up */
  onAbandoned2xx(entry: ClientTxnEntry, res: SipMessage): void;
}

/**
 * Client transactions for requests we send: the table (by branch and by drachtio id),
 * sending with our Via, the ACK for a non-2xx, and CANCEL (RFC 3261 §9.1).
 */
export class ClientTransactions {
  private readonly byKey = new Map<string, ClientTxnEntry>();
  private readonly byId = new Map<string, ClientTxnEntry>();
  private readonly answered: AnsweredBranches;

  constructor(
    private readonly transport: TransportLayer,
    private readonly timers: TimerConfig,
    private readonly resolver: DestinationResolver,
    private readonly defaultHandler: DefaultResponseHandler,
  ) {
    this.answered = new AnsweredBranches(transport, timers.t1);
  }

  /** key = `<branch>|<CSeq method>` */
  get(key: string): ClientTxnEntry | undefined {
    return this.byKey.get(key);
  }

  getById(id: string): ClientTxnEntry | undefined {
    return this.byId.get(id);
  }

  /** Transactions alive, answered proxy branches reduced to forwarding included. */
  get size(): number {
    return this.byId.size + this.answered.size;
  }

  /**
   * An INVITE proxy branch in Accepted whose operation has nothing left to do but pass on
   * its further 2xx to `to`: the transaction ends now and only that is remembered, until
   * its Timer M would have fired.
   */
  forwardLater2xx(entry: ClientTxnEntry, to: Destination): void {
    if (entry.txn.state !== 'accepted') return;
    this.answered.add(entry.key, to, entry.txn.acceptedAt + 64 * this.timers.t1);
    entry.txn.terminate();
  }

  /** A response for a branch reduced by forwardLater2xx (AnsweredBranches.forward); false when none matches. */
  forwardAnswered(key: string, res: SipMessage): boolean {
    return this.answered.forward(key, res);
  }

  values(): IterableIterator<ClientTxnEntry> {
    return this.byId.values();
  }

  /** Sends a request in a new client transaction to where its route or Request-URI leads. */
  async sendRequest(
    msg: SipMessage,
    opts: SendRequestOptions & { outboundProxy?: string; dest?: Destination },
  ): Promise<ClientTxnEntry | undefined> {
    const routeTop = msg.getAll('route')[0];
    const target = opts.outboundProxy ?? (routeTop ? uriOfNameAddr(routeTop) : msg.uri);
    const dest = opts.dest ?? (await this.resolver.resolve(target ?? '', opts.dialog));
    if (!dest) return undefined;
    return this.sendRequestTo(msg, dest, opts);
  }

  /** Sends a request in a new client transaction to `dest`; adds our Via. */
  sendRequestTo(msg: SipMessage, dest: Destination, opts: SendRequestOptions): ClientTxnEntry | undefined {
    const ep = this.transport.endpointFor(dest.transport, dest.address);
    if (!ep) return undefined;
    const branch = `${MAGIC_COOKIE}${randomToken(10)}`;
    msg.prepend('via', viaHeader(dest.transport, ep, branch));
    if (!msg.has('max-forwards')) msg.set('max-forwards', '70');
    const method = msg.method ?? '';
    const key = `${branch}|${method}`;
    const id = randomToken(10);
    const data = msg.toString();
    const entry: ClientTxnEntry = {
      id,
      key,
      request: msg,
      dest,
      app: opts.app,
      dialog: opts.dialog,
      gotProvisional: false,
      cancelRequested: false,
      final: false,
      createsDialog: !!opts.createsDialog,
      handler: opts.handler,
      onTimeout: opts.onTimeout,
      txn: undefined as unknown as ClientTransaction,
    };
    entry.txn = new ClientTransaction({
      request: msg,
      data,
      reliable: isStream(dest.transport),
      timers: this.timers,
      send: (d) => this.transport.send(dest, d),
      // entry.request, not msg: a closure over msg would keep the whole request as long as the transaction
      buildAck: (res) => routedRequestForInvite(entry.request, 'ACK', res.get('to') ?? '').toString(),
      onResponse: (res) => this.onResponse(entry, res),
      onTimeout: () => this.giveUp(entry),
      onTimerC: () => {
        // RFC 3261 §16.8: a branch that rings too long is treated as timed out and cancelled
        this.giveUp(entry);
        this.sendCancel(entry);
      },
      onTerminated: () => {
        this.byId.delete(id);
        if (!entry.abandoned) this.byKey.delete(key);
        else setTimeout(() => this.byKey.delete(key), 64 * this.timers.t1).unref();
      },
    });
    this.byKey.set(key, entry);
    this.byId.set(id, entry);
    entry.txn.start();
    if (!this.transport.canReach(dest)) this.answerUnreachable(entry);
    return entry;
  }

  /**
   * A TLS peer whose connection has gone (a phone that registered over it) cannot be reached:
   * the request is answered 480 at once (RFC 5626 §5.3 without flow tokens) rather than
   * after Timer B, and no connection is opened to the port the phone connected from.
   */
  private answerUnreachable(entry: ClientTxnEntry): void {
    const res = syntheticResponse(entry.request, 480);
    setImmediate(() => entry.txn.onResponse(res));
  }

  /** The core stops waiting for this request: its owner gets the timeout now, whatever comes later. */
  private giveUp(entry: ClientTxnEntry): void {
    if (entry.abandoned) return;
    entry.final = true;
    if (entry.request.method === 'INVITE') entry.abandoned = true;
    if (entry.onTimeout) entry.onTimeout(entry);
    else this.defaultHandler.onTimeout(entry);
    this.keepIdentityOnly(entry);
  }

  /**
   * Once a request has its final answer (or was given up on) its transaction still lingers:
   * 64*T1 for an answered INVITE (Timer M) or one given up on, T4 for the rest. Only the
   * request's identity is consulted in that time (see requestIdentity), so the parsed request,
   * its body and the message it was parsed from are let go.
   */
  private keepIdentityOnly(entry: ClientTxnEntry): void {
    if (!entry.compacted) {
      entry.compacted = true;
      entry.request = requestIdentity(entry.request);
    }
  }

  private onResponse(entry: ClientTxnEntry, res: SipMessage): void {
    const status = res.status ?? 0;
    if (entry.abandoned) {
      if (status >= 200 && status < 300) this.defaultHandler.onAbandoned2xx(entry, res);
      return;
    }
    if (status < 200) {
      if (status > 100 || entry.request.method === 'INVITE') entry.gotProvisional = true;
      if (entry.cancelRequested && !entry.final) this.sendCancel(entry);
    } else {
      entry.final = true;
    }
    if (entry.handler) entry.handler(res, entry);
    else this.defaultHandler.onResponse(entry, res);
    if (entry.final) {
      // no CANCEL follows a final response
      entry.cancelHeaders = undefined;
      this.keepIdentityOnly(entry);
    }
  }

  /** CANCEL for a client INVITE; deferred until a provisional arrived (RFC 3261 §9.1). */
  requestCancel(entry: ClientTxnEntry, headers?: SipMessage): void {
    entry.cancelRequested = true;
    entry.cancelHeaders = headers;
    if (entry.gotProvisional && !entry.final) this.sendCancel(entry);
  }

  /** Sends the CANCEL now (the caller knows a provisional response has arrived). */
  sendCancel(entry: ClientTxnEntry): void {
    // an abandoned INVITE has no final yet either: it is cancelled all the same
    if (entry.cancelSent || entry.txn.state !== 'proceeding') return;
    entry.cancelSent = true;
    const inv = entry.request;
    const c = routedRequestForInvite(inv, 'CANCEL', inv.get('to') ?? '');
    if (entry.cancelHeaders) {
      for (const [k, v] of entry.cancelHeaders.headers) if (!NO_COPY_FROM_APP.has(k) && k !== 'route') c.set(k, v);
    }
    entry.cancelRequested = false;
    // CANCEL reuses the INVITE's branch, so it is sent without adding another Via
    const branch = parseVia(inv.getAll('via')[0]).params.get('branch') ?? '';
    const key = `${branch}|CANCEL`;
    const id = randomToken(10);
    const data = c.toString();
    const dest = entry.dest;
    const ce: ClientTxnEntry = {
      id,
      key,
      request: c,
      dest,
      gotProvisional: false,
      cancelRequested: false,
      final: false,
      createsDialog: false,
      handler: () => undefined,
      onTimeout: () => undefined,
      txn: undefined as unknown as ClientTransaction,
    };
    ce.txn = new ClientTransaction({
      request: c,
      data,
      reliable: isStream(dest.transport),
      timers: this.timers,
      send: (d) => this.transport.send(dest, d),
      buildAck: () => '',
      onResponse: () => undefined,
      onTimeout: () => undefined,
      onTerminated: () => {
        this.byKey.delete(key);
        this.byId.delete(id);
      },
    });
    this.byKey.set(key, ce);
    this.byId.set(id, ce);
    ce.txn.start();
    entry.txn.cancelSent();
  }

  /** Server shutdown: no transaction timer may fire afterwards. */
  closeAll(): void {
    this.answered.close();
    for (const e of [...this.byId.values()]) e.txn.terminate();
  }
}
