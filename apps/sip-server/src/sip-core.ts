import type { Logger } from 'pino';
import { AppDisconnect } from './apps/app-disconnect';
import { replyNok } from './apps/app-messages';
import type { AppConnection, AppRegistry } from './apps/app-registry';
import { AppRequests } from './apps/app-requests';
import { AppResponses } from './apps/app-responses';
import { CdrEmitter } from './apps/cdr-emitter';
import { InboundRequests } from './apps/inbound-requests';
import { UacResponses } from './apps/uac-responses';
import { DialogDuties } from './dialogs/dialog-duties';
import { DialogTable } from './dialogs/dialog-table';
import { ProxyRequests } from './proxy/proxy-requests';
import { malformedResponse, validateMessage } from './sip/message-validation';
import { SipMessage, SipParseError } from './sip/sip-message';
import { ClientTransactions } from './transactions/client-transaction-table';
import { RetransmissionAbsorber } from './transactions/retransmission-absorber';
import { ServerTransactions } from './transactions/server-transaction-table';
import type { TimerConfig } from './transactions/timers';
import type { ServerTxnEntry } from './transactions/transaction-entries';
import { DestinationResolver } from './transport/destination-resolver';
import type { InboundPacket, TransportLayer } from './transport/transport-layer';

export interface SipCoreOptions {
  transport: TransportLayer;
  registry: AppRegistry;
  timers: TimerConfig;
  logger: Logger;
  /** how long an app may take to send a final response to an INVITE */
  inviteAnswerTimeoutMs: number;
  /** ... and to any other request */
  nonInviteAnswerTimeoutMs: number;
  /** hard cap on any dialog's lifetime */
  dialogMaxLifetimeMs: number;
}

/**
 * The SIP engine: translates between SIP on the network and drachtio wire messages to
 * and from the apps. This class only wires the parts together and routes each message
 * to the one that handles it:
 *
 * - network → `RetransmissionAbsorber` (a request we already have), else `InboundRequests`
 *   (requests) or `UacResponses` (responses)
 * - app `sip` → `AppResponses` (a response), else `AppRequests`
 * - app `proxy` → `ProxyRequests`
 * - app gone → `AppDisconnect`
 *
 * State lives in `ServerTransactions`, `ClientTransactions`, `RetransmissionAbsorber` (answered
 * transactions lingering for Timer J) and `DialogTable`;
 * `DialogDuties` does what the UA core does to a dialog on its own.
 */
export class SipCore {
  readonly log: Logger;
  private readonly retransmissions: RetransmissionAbsorber;
  private readonly servers: ServerTransactions;
  private readonly clients: ClientTransactions;
  private readonly dialogs: DialogTable;
  private readonly inbound: InboundRequests;
  private readonly uacResponses: UacResponses;
  private readonly appRequests: AppRequests;
  private readonly appResponses: AppResponses;
  private readonly proxy: ProxyRequests;
  private readonly appDisconnect: AppDisconnect;
  private draining = false;

  constructor(readonly o: SipCoreOptions) {
    this.log = o.logger;
    const { transport, timers, logger } = o;
    const cdr = new CdrEmitter(o.registry);
    const resolver = new DestinationResolver(transport);
    const retransmissions = new RetransmissionAbsorber({ transport, timers, liveTransaction: (key): ServerTxnEntry | undefined => servers.get(key) });
    const servers = new ServerTransactions({
      transport,
      timers,
      logger,
      cdr,
      retransmissions,
      inviteAnswerTimeoutMs: o.inviteAnswerTimeoutMs,
      nonInviteAnswerTimeoutMs: o.nonInviteAnswerTimeoutMs,
    });
    // responses to an app's requests are handled by UacResponses, which itself sends
    // requests (ACK, BYE, CANCEL) through the client transactions
    const clients = new ClientTransactions(transport, timers, resolver, {
      onResponse: (entry, res) => this.uacResponses.onResponse(entry, res),
      onTimeout: (entry) => this.uacResponses.onTimeout(entry),
      onAbandoned2xx: (entry, res) => this.uacResponses.onAbandoned2xx(entry, res),
    });
    const dialogs = new DialogTable(o.dialogMaxLifetimeMs, (d) => duties.onLifetimeExceeded(d));
    const duties = new DialogDuties({ transport, timers, logger, resolver, dialogs, clients, cdr });
    const proxy = new ProxyRequests({ transport, logger, servers, clients, cdr, hangUp2xx: (e, r) => this.uacResponses.onAbandoned2xx(e, r) });
    this.retransmissions = retransmissions;
    this.servers = servers;
    this.clients = clients;
    this.dialogs = dialogs;
    this.proxy = proxy;
    this.uacResponses = new UacResponses({ log: logger, clients, dialogs, duties, cdr });
    this.inbound = new InboundRequests({ transport, registry: o.registry, logger, servers, retransmissions, dialogs, duties, resolver, proxy, cdr, draining: () => this.draining });
    this.appRequests = new AppRequests({ transport, resolver, dialogs, clients, duties, cdr });
    this.appResponses = new AppResponses({ servers, dialogs, duties, cdr });
    this.appDisconnect = new AppDisconnect({ servers, clients, dialogs, duties, cdr });
  }

  /**
   * What the server holds: transactions (those still answering retransmissions included),
   * dialogs, and answered record-routed proxied calls remembered for their BYE's cdr:stop.
   */
  stats(): { serverTxns: number; clientTxns: number; dialogs: number; proxiedCallsAwaitingBye: number } {
    return {
      serverTxns: this.servers.size,
      clientTxns: this.clients.size,
      dialogs: this.dialogs.size,
      proxiedCallsAwaitingBye: this.proxy.answeredCallCount,
    };
  }

  /** From now on new requests get 503 with Retry-After; dialogs and transactions in progress go on. */
  drain(): void {
    this.draining = true;
  }

  /** No call is up through this server: no dialog, no record-routed proxied call awaiting its BYE. */
  get callsInProgress(): number {
    return this.dialogs.size + this.proxy.answeredCallCount;
  }

  // ---------------------------------------------------------------- from the network

  onPacket(p: InboundPacket): void {
    try {
      // a flooding source was already turned away by the transport, before any parsing
      this.handlePacket(p);
    } catch (err) {
      // Nothing a peer sends may take the process down.
      this.log.warn({ err, from: `${p.remoteAddress}:${p.remotePort}` }, 'error handling sip packet');
    }
  }

  private handlePacket(p: InboundPacket): void {
    const raw = p.data.toString('utf8');
    if (!raw.trim()) return; // keep-alive
    if (this.retransmissions.absorbBeforeParse(raw)) return;
    const sep = raw.indexOf('\r\n\r\n');
    let msg: SipMessage;
    try {
      msg = SipMessage.parse(raw);
      validateMessage(msg, raw, sep);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.log.debug({ reason, from: p.remoteAddress }, 'malformed sip message');
      const answer = malformedResponse(raw, p, reason, err instanceof SipParseError ? err.status : 400);
      if (answer) this.o.transport.send(answer.dest, answer.data);
      return;
    }
    if (msg.isRequest) this.inbound.onRequest(msg, p);
    else this.uacResponses.onNetworkResponse(msg);
  }

  // ---------------------------------------------------------------- from apps

  /** `sip|txnId|dialogId[|proxy]` from an app; always answered with OK or NOK. */
  async handleAppSip(app: AppConnection, rid: string, args: string[], body: string): Promise<void> {
    const [txnId = '', dialogId = '', outboundProxy = ''] = args;
    let m: SipMessage;
    try {
      m = SipMessage.parse(body);
    } catch {
      replyNok(app, rid, 'unable to parse sip message');
      return;
    }
    if (!m.isRequest) this.appResponses.respond(app, rid, txnId, m);
    else if (m.method === 'CANCEL' && txnId) this.appRequests.cancel(app, rid, txnId, m);
    else if (dialogId) await this.appRequests.inDialog(app, rid, dialogId, m);
    else if (m.method === 'ACK') this.appRequests.ackWithoutDialog(app, rid, m);
    else await this.appRequests.newRequest(app, rid, m, outboundProxy);
  }

  /** `proxy|txnId|...` from an app. */
  handleAppProxy(app: AppConnection, rid: string, args: string[], body: string): void {
    this.proxy.handleAppProxy(app, rid, args, body);
  }

  nok(app: AppConnection, rid: string, reason: string): void {
    replyNok(app, rid, reason);
  }

  onAppGone(app: AppConnection): void {
    this.appDisconnect.onAppGone(app);
  }

  close(): void {
    this.retransmissions.close();
    this.servers.closeAll();
    this.clients.closeAll();
    for (const d of [...this.dialogs.values()]) this.dialogs.remove(d);
  }
}
