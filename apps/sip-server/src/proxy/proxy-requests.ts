import type { Logger } from 'pino';
import { replyNok } from '../apps/app-messages';
import type { AppConnection } from '../apps/app-registry';
import { rejectionReason, type CdrEmitter } from '../apps/cdr-emitter';
import { transportParam } from '../sip/message-builders';
import { detachedCopy } from '../sip/retained-copies';
import { SipMessage } from '../sip/sip-message';
import type { ClientTransactions } from '../transactions/client-transaction-table';
import type { ServerTransactions } from '../transactions/server-transaction-table';
import type { ClientTxnEntry, ServerTxnEntry } from '../transactions/transaction-entries';
import type { Destination, TransportLayer } from '../transport/transport-layer';
import type { ProxyHost, ProxyOptions } from './proxy-host';
import { ProxyOperation } from './proxy-operation';

export interface ProxyRequestsOptions {
  transport: TransportLayer;
  logger: Logger;
  servers: ServerTransactions;
  clients: ClientTransactions;
  cdr: CdrEmitter;
  /** ACK and BYE for a 2xx nobody can take */
  hangUp2xx: (entry: ClientTxnEntry, res: SipMessage) => void;
}

/** How long, and how many, answered proxied calls are remembered for their BYE's cdr:stop. */
const MAX_PROXIED_CALL_MS = 24 * 3600_000;
const MAX_PROXIED_CALLS = 200_000;

/** `2s` / `1500ms` as used in the drachtio `proxy` verb; undefined when empty or malformed. */
export function parseDuration(s: string): number | undefined {
  const m = /^\s*(\d+)\s*(ms|s)?\s*$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] === 'ms' ? n : n * 1000;
}

/**
 * Starts stateful proxy operations (the app's `proxy` verb, and record-routed in-dialog
 * requests we forward on our own) and gives them what they need from the core.
 */
export class ProxyRequests implements ProxyHost {
  readonly log: Logger;
  /** INVITEs an app proxied with record-route: their answer opens a call whose BYE passes through us. */
  private readonly recordRouted = new WeakSet<ServerTxnEntry>();
  /** Answered record-routed proxied calls by Call-ID → when we stop waiting for their BYE (bounded). */
  private readonly answeredCalls = new Map<string, number>();

  constructor(private readonly o: ProxyRequestsOptions) {
    this.log = o.logger;
  }

  get answeredCallCount(): number {
    return this.answeredCalls.size;
  }

  /** `proxy|txnId|remainInDialog|fullResponse|followRedirects|mode|provTimeout|finalTimeout|dest...` */
  handleAppProxy(app: AppConnection, rid: string, args: string[], body: string): void {
    const [txnId = '', remainInDialog = '', , followRedirects = '', mode = 'serial', provisionalTimeout = '', finalTimeout = '', ...dests] = args;
    const entry = this.o.servers.getById(txnId);
    if (!entry || entry.txn.lastStatus >= 200 || entry.proxy) {
      replyNok(app, rid, 'unknown or completed transaction');
      return;
    }
    let extra: SipMessage | undefined;
    try {
      extra = SipMessage.parse(body);
    } catch {
      extra = undefined;
    }
    if (entry.answerTimer) clearTimeout(entry.answerTimer);
    this.start(entry, { app, rid }, {
      recordRoute: remainInDialog === 'remainInDialog',
      followRedirects: followRedirects === 'followRedirects',
      parallel: mode === 'simultaneous',
      provisionalTimeoutMs: parseDuration(provisionalTimeout),
      finalTimeoutMs: parseDuration(finalTimeout),
      destinations: dests.filter((d) => d),
      extraHeaders: extra,
    });
  }

  /** Stateful forwarding of a request routed through us (no app involved): to its Request-URI, as is. */
  forwardToRequestUri(entry: ServerTxnEntry): void {
    this.start(entry, undefined, {
      recordRoute: false,
      parallel: false,
      followRedirects: false,
      destinations: [entry.request.uri ?? ''],
      keepRequestUri: true,
    });
  }

  private start(entry: ServerTxnEntry, report: { app: AppConnection; rid: string } | undefined, opts: ProxyOptions): void {
    const op = new ProxyOperation(this, entry, opts, report);
    entry.proxy = op;
    if (opts.recordRoute && report && entry.request.method === 'INVITE') this.recordRouted.add(entry);
    if (entry.request.method === 'INVITE' && report && !entry.cdrAttempted) {
      entry.cdrAttempted = true;
      this.o.cdr.emit('cdr:attempt', 'network', entry.request, []);
    }
    op.start();
  }

  sendRequest(
    msg: SipMessage,
    opts: { handler?: (res: SipMessage, entry: ClientTxnEntry) => void; onTimeout?: (entry: ClientTxnEntry) => void },
  ): Promise<ClientTxnEntry | undefined> {
    return this.o.clients.sendRequest(msg, opts);
  }

  requestCancel(entry: ClientTxnEntry): void {
    this.o.clients.requestCancel(entry);
  }

  hangUpLateAnswer(branch: ClientTxnEntry, res: SipMessage): void {
    this.o.hangUp2xx(branch, res);
  }

  forwardLater2xx(branch: ClientTxnEntry, to: Destination): void {
    this.o.clients.forwardLater2xx(branch, to);
  }

  /** ProxyHost: forward a response upstream on the server transaction. */
  forwardUpstream(entry: ServerTxnEntry, res: SipMessage): void {
    const status = res.status ?? 0;
    if (entry.txn.state === 'accepted' && status >= 200 && status < 300) {
      // additional 2xx from other forks bypass the (already accepted) transaction
      this.o.transport.send(entry.responseDest, res.toString());
      return;
    }
    // read before the final response goes out: the transaction lets go of its request then
    const callId = entry.request.callId;
    entry.txn.sendResponse(status, res.toString());
    if (entry.request.method === 'INVITE' && entry.cdrAttempted && status >= 200) {
      if (status < 300) {
        this.o.cdr.emit('cdr:start', 'network', res, ['uas-proxy']);
        if (this.recordRouted.has(entry)) this.rememberAnsweredCall(callId);
      } else this.o.cdr.emit('cdr:stop', 'network', res, [rejectionReason(status)]);
    }
  }

  /**
   * A BYE in a record-routed dialog we proxied, on its way through: as
   * drachtio-server does, it ends the call's CDR (cdr:stop, normal-release)
   * once, whichever side hung up; the app that proxied the call learns the
   * end time and, from the BYE, who hung up.
   */
  onProxiedBye(bye: SipMessage): void {
    const until = this.answeredCalls.get(bye.callId);
    if (until === undefined) return;
    this.answeredCalls.delete(bye.callId);
    if (until >= Date.now()) this.o.cdr.emit('cdr:stop', 'network', bye, ['normal-release']);
  }

  private rememberAnsweredCall(callId: string): void {
    this.answeredCalls.delete(callId);
    // a copy: the Call-ID as parsed is a slice that would keep the whole INVITE for the call's life
    this.answeredCalls.set(detachedCopy(callId), Date.now() + MAX_PROXIED_CALL_MS);
    // Oldest first in a Map: drop the oldest beyond the cap, and any that ran out.
    for (const [id, until] of this.answeredCalls) {
      if (this.answeredCalls.size <= MAX_PROXIED_CALLS && until >= Date.now()) break;
      this.answeredCalls.delete(id);
    }
  }

  respondUpstream(entry: ServerTxnEntry, status: number): SipMessage {
    return this.o.servers.respond(entry, status);
  }

  recordRouteFor(entry: ServerTxnEntry): string {
    const ep = entry.inbound;
    // a sips: request keeps a sips: path (RFC 3261 §26.2.2, RFC 5630 §3.1.3)
    if (ep.transport === 'tls' && /^sips:/i.test(entry.request.uri ?? '')) return `<sips:${ep.advertisedHost}:${ep.port};lr>`;
    return `<sip:${ep.advertisedHost}:${ep.port}${transportParam(ep)};lr>`;
  }
}
