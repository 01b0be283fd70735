import { lookup } from 'node:dns/promises';
import * as net from 'node:net';
import type { Logger } from 'pino';
import { randomToken, parseNameAddr, parseUri, SipMessage, SipParseError, uriOfNameAddr } from '../sip/sip-message';
import { MAGIC_COOKIE, parseVia, responseTarget, sentBy, stampReceived, stringifyVia, type Via } from '../sip/via';
import { ClientTransaction, ServerTransaction, type TimerConfig } from '../transaction/transaction';
import type { Destination, InboundPacket, LocalEndpoint, TransportLayer, TransportName } from '../transport/transport-layer';
import type { AppConnection, AppRegistry } from './app-registry';
import { ProxyOperation, type ProxyHost, type ProxyOptions } from './proxy-operation';
import type { RateLimiter } from './rate-limiter';
import { reasonPhrase } from '../sip/status-codes';

export interface SipCoreOptions {
  transport: TransportLayer;
  registry: AppRegistry;
  timers: TimerConfig;
  logger: Logger;
  rateLimiter: RateLimiter;
  /** how long an app may take to send a final response to an INVITE */
  inviteAnswerTimeoutMs: number;
  /** ... and to any other request */
  nonInviteAnswerTimeoutMs: number;
  /** hard cap on any dialog's lifetime */
  dialogMaxLifetimeMs: number;
}

export interface ServerTxnEntry {
  id: string;
  key: string;
  txn: ServerTransaction;
  request: SipMessage;
  responseDest: Destination;
  inbound: LocalEndpoint;
  packet: InboundPacket;
  app?: AppConnection;
  toTag?: string;
  dialog?: Dialog;
  proxy?: ProxyOperation;
  answerTimer?: NodeJS.Timeout;
  cdrAttempted?: boolean;
}

export interface ClientTxnEntry {
  id: string;
  key: string;
  txn: ClientTransaction;
  request: SipMessage;
  dest: Destination;
  app?: AppConnection;
  dialog?: Dialog;
  gotProvisional: boolean;
  cancelRequested: boolean;
  cancelHeaders?: SipMessage;
  final: boolean;
  /** INVITE sent by an app outside a dialog: its 2xx creates a UAC dialog */
  createsDialog: boolean;
  /** to-tag of the first 2xx, to detect a second fork answering */
  answeredTag?: string;
  /** proxy branches and internal requests handle responses themselves */
  handler?: (res: SipMessage, entry: ClientTxnEntry) => void;
  onTimeout?: (entry: ClientTxnEntry) => void;
}

export interface Dialog {
  id: string;
  key: string;
  role: 'uas' | 'uac';
  method: string;
  app?: AppConnection;
  callId: string;
  localTag: string;
  remoteTag: string;
  /** From header value we use on our requests (local URI + our tag) */
  localHeader: string;
  /** To header value we use on our requests */
  remoteHeader: string;
  localCseq: number;
  remoteCseq: number;
  remoteTarget: string;
  routeSet: string[];
  transport: TransportName;
  connectionKey?: string;
  localContact: string;
  lastInviteCseq: number;
  ackedCseq: number;
  lastAck?: { cseq: number; data: string; dest: Destination };
  uas2xx?: { cseq: number; data: string; dest: Destination; timer?: NodeJS.Timeout; interval: number; started: number };
  lifetime?: NodeJS.Timeout;
  terminated: boolean;
}

const EMPTY = Buffer.alloc(0);
const SPENT_PACKET: InboundPacket = { data: EMPTY, transport: 'udp', remoteAddress: '', remotePort: 0, localAddress: '', localPort: 0 };
const STUBS = new Map<string, SipMessage>();

/** One shared placeholder per method for finished transactions (never mutated). */
function methodStub(method: string): SipMessage {
  let stub = STUBS.get(method);
  if (!stub) {
    stub = new SipMessage();
    stub.method = method;
    if (STUBS.size < 64) STUBS.set(method, stub);
  }
  return stub;
}
const NO_COPY_FROM_APP = new Set(['via', 'call-id', 'cseq', 'from', 'to', 'content-length', 'max-forwards']);

export function nowStamp(): string {
  return new Date().toISOString();
}

/**
 * The SIP engine: matches transactions, keeps dialogs, and translates between SIP on the
 * network and drachtio wire messages to/from the apps.
 */
/**
 * The part an ACK for a non-2xx response and a CANCEL share with their INVITE
 * (RFC 3261 §9.1, §17.1.1.3): Request-URI, top Via (so the same branch),
 * From, Call-ID and CSeq number. `to` is the response's To for an ACK.
 */
function requestForInvite(invite: SipMessage, method: 'ACK' | 'CANCEL', to: string): SipMessage {
  const m = new SipMessage();
  m.method = method;
  m.uri = invite.uri;
  m.set('via', [invite.getAll('via')[0]]);
  m.set('from', invite.get('from') ?? '');
  m.set('to', to);
  m.set('call-id', invite.callId);
  m.set('cseq', `${invite.cseq.seq} ${method}`);
  return m;
}

export class SipCore implements ProxyHost {
  private readonly serverTxns = new Map<string, ServerTxnEntry>();
  private readonly serverTxnsById = new Map<string, ServerTxnEntry>();
  private readonly clientTxns = new Map<string, ClientTxnEntry>();
  private readonly clientTxnsById = new Map<string, ClientTxnEntry>();
  private readonly dialogs = new Map<string, Dialog>();
  private readonly dialogsById = new Map<string, Dialog>();
  readonly log: Logger;

  constructor(readonly o: SipCoreOptions) {
    this.log = o.logger;
  }

  stats(): { serverTxns: number; clientTxns: number; dialogs: number } {
    return { serverTxns: this.serverTxnsById.size, clientTxns: this.clientTxnsById.size, dialogs: this.dialogsById.size };
  }

  // ---------------------------------------------------------------- inbound

  onPacket(p: InboundPacket): void {
    try {
      if (!this.o.rateLimiter.allow(p.remoteAddress)) return;
      this.handlePacket(p);
    } catch (err) {
      // Nothing a peer sends may take the process down.
      this.log.warn({ err, from: `${p.remoteAddress}:${p.remotePort}` }, 'error handling sip packet');
    }
  }

  private handlePacket(p: InboundPacket): void {
    const raw = p.data.toString('utf8');
    if (!raw.trim()) return; // keep-alive
    const sep = raw.indexOf('\r\n\r\n');
    let msg: SipMessage;
    try {
      msg = SipMessage.parse(raw);
      this.validate(msg, raw, sep);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.log.debug({ reason, from: p.remoteAddress }, 'malformed sip message');
      this.answerMalformed(raw, p, reason);
      return;
    }
    if (msg.isRequest) this.onRequest(msg, p);
    else this.onResponse(msg);
  }

  private validate(m: SipMessage, raw: string, sep: number): void {
    const version = /^(?:[^\r\n]* SIP\/(\d+\.\d+)\r\n|SIP\/(\d+\.\d+) )/.exec(raw);
    if (!version) throw new SipParseError('bad start line');
    if ((version[1] ?? version[2]) !== '2.0') throw new SipParseError('505 version', true);
    for (const h of ['via', 'from', 'to', 'call-id', 'cseq']) {
      if (!m.has(h) || !m.get(h)?.trim()) throw new SipParseError(`missing ${h}`, true);
    }
    for (const v of m.getAll('via')) parseVia(v);
    const cseq = m.cseq;
    if (cseq.seq > 2 ** 32 - 1) throw new SipParseError('CSeq out of range', true);
    if (m.isRequest) {
      if (cseq.method !== m.method) throw new SipParseError('CSeq method mismatch', true);
      const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(m.uri ?? '');
      if (!scheme) throw new SipParseError('bad Request-URI', true);
      if (/^sips?$/i.test(scheme[1]) && !parseUri(m.uri ?? '')) throw new SipParseError('bad Request-URI', true);
      const mf = m.get('max-forwards');
      if (mf !== undefined && !/^\s*\d{1,3}\s*$/.test(mf)) throw new SipParseError('bad Max-Forwards', true);
    }
    if (!parseNameAddr(m.get('from') ?? '') || !parseNameAddr(m.get('to') ?? '')) {
      throw new SipParseError('bad From/To', true);
    }
    const cl = m.declaredContentLength;
    if (cl !== undefined) {
      if (!/^\s*\d+\s*$/.test(cl)) throw new SipParseError('bad Content-Length', true);
      const bodyBytes = sep < 0 ? 0 : Buffer.byteLength(raw.slice(sep + 4), 'utf8');
      if (Number(cl) > bodyBytes) throw new SipParseError('Content-Length larger than body', true);
    }
  }

  /** RFC 3261 §21.4.1 / §16.3: answer 400 (or 505) when the request is answerable at all. */
  private answerMalformed(raw: string, p: InboundPacket, reason: string): void {
    let m: SipMessage;
    try {
      m = SipMessage.parse(raw);
    } catch {
      return; // nothing to answer to
    }
    if (!m.isRequest || m.method === 'ACK') return;
    const vias = m.getAll('via');
    if (!vias.length) return;
    let via: Via;
    try {
      via = parseVia(vias[0]);
    } catch {
      return;
    }
    stampReceived(via, p.remoteAddress, p.remotePort);
    const res = new SipMessage();
    const status = reason.startsWith('505') ? 505 : 400;
    res.status = status;
    res.reason = status === 505 ? 'Version Not Supported' : 'Bad Request';
    res.set('via', [stringifyVia(via), ...vias.slice(1)]);
    for (const h of ['from', 'to', 'call-id', 'cseq']) {
      const v = m.get(h);
      if (v) res.set(h, v);
    }
    if (res.has('to') && !/;\s*tag=/i.test(res.get('to') ?? '')) res.set('to', `${res.get('to')};tag=${randomToken(4)}`);
    if (status === 400) res.set('warning', `399 sip-server "${reason.replace(/["\\]/g, '')}"`);
    const dest: Destination =
      p.transport === 'tcp'
        ? { transport: 'tcp', address: p.remoteAddress, port: p.remotePort, connectionKey: p.connectionKey }
        : { transport: 'udp', ...responseTarget(via) };
    this.o.transport.send(dest, res.toString());
  }

  private serverKey(m: SipMessage, via: Via, rawTopVia: string): string {
    const method = m.method === 'ACK' || m.method === 'CANCEL' ? 'INVITE' : (m.method ?? '');
    const branch = via.params.get('branch');
    if (branch && branch.startsWith(MAGIC_COOKIE)) return `${branch}|${sentBy(via)}|${method}`;
    // RFC 2543 peers: fall back to the request identity (§17.2.3)
    return `${m.callId}|${m.cseq.seq}|${m.fromTag ?? ''}|${rawTopVia}|${method}`;
  }

  private onRequest(req: SipMessage, p: InboundPacket): void {
    const vias = req.getAll('via');
    const rawTop = vias[0];
    const via = parseVia(rawTop);
    stampReceived(via, p.remoteAddress, p.remotePort);
    vias[0] = stringifyVia(via);
    req.set('via', vias);
    // TCP: answer on the connection the request came in on; if it has gone, open one
    // to the sent-by port (RFC 3261 §18.2.2), not to the peer's ephemeral port.
    const responseDest: Destination =
      p.transport === 'tcp'
        ? { transport: 'tcp', address: p.remoteAddress, port: via.port ?? 5060, connectionKey: p.connectionKey }
        : { transport: 'udp', ...responseTarget(via) };
    const key = this.serverKey(req, via, rawTop);
    const method = req.method ?? '';

    if (method === 'ACK') {
      const ist = this.serverTxns.get(key);
      if (ist && ist.txn.state !== 'accepted' && ist.txn.onAck()) return;
      this.onAckForDialog(req, p);
      return;
    }

    if (method === 'CANCEL') {
      this.onCancel(req, p, key, responseDest);
      return;
    }

    const found = this.serverTxns.get(key);
    if (found) {
      found.txn.onRetransmission();
      return;
    }

    const entry = this.createServerTxn(req, p, key, responseDest);
    if (method === 'INVITE') this.respond(entry, 100);

    // Loose routing (RFC 3261 §16.4): drop a Route that names us.
    let removedOwnRoute = false;
    const routes = req.getAll('route');
    if (routes.length && this.isOwnUri(uriOfNameAddr(routes[0]) ?? '')) {
      routes.shift();
      removedOwnRoute = true;
      if (routes.length) req.set('route', routes);
      else req.remove('route');
    }

    const toTag = req.toTag;
    if (toTag) {
      const dialog = this.dialogs.get(`${req.callId}|${toTag}|${req.fromTag ?? ''}`);
      if (dialog && !dialog.terminated) {
        this.onInDialogRequest(entry, dialog);
        return;
      }
      if (removedOwnRoute) {
        // record-routed dialog we proxied: forward statefully without involving an app
        this.forwardToRequestUri(entry);
        return;
      }
      this.respond(entry, 481);
      return;
    }

    if (req.has('require') && method !== 'CANCEL') {
      const unsupported = (req.get('require') ?? '')
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter((t) => t && !['timer', '100rel', 'replaces'].includes(t));
      if (unsupported.length) {
        this.respond(entry, 420, { unsupported: unsupported.join(', ') });
        return;
      }
    }

    if (removedOwnRoute && req.has('route')) {
      // pre-loaded route through us to somewhere else: act as a proxy for it
      this.forwardToRequestUri(entry);
      return;
    }

    const app = this.o.registry.pick(method);
    if (!app) {
      // Phones and trunks probe with OPTIONS; answer for ourselves unless no app is up.
      if (method === 'OPTIONS') this.respond(entry, this.o.registry.hasAnyApp() ? 200 : 503);
      else this.respond(entry, 404);
      return;
    }
    entry.app = app;
    this.armAnswerTimer(entry);
    if (method === 'INVITE') {
      entry.cdrAttempted = true;
      this.emitCdr('cdr:attempt', 'network', req, []);
    }
    this.deliverRequest(app, entry, '');
  }

  private createServerTxn(req: SipMessage, p: InboundPacket, rawKey: string, responseDest: Destination): ServerTxnEntry {
    // Substrings of the received datagram keep the whole datagram alive in V8; the key
    // outlives the message by 64*T1, so store an independent copy.
    const key = Buffer.from(rawKey, 'utf8').toString('utf8');
    const id = randomToken(10);
    const reliable = p.transport === 'tcp';
    const entry: ServerTxnEntry = {
      id,
      key,
      request: req,
      responseDest,
      // keep transport metadata only; the datagram itself is not needed after parsing
      packet: { ...p, data: EMPTY },
      inbound: this.o.transport.endpointAt(p.transport, p.localPort, p.localAddress) ?? this.o.transport.endpoints[0],
      txn: undefined as unknown as ServerTransaction,
    };
    entry.txn = new ServerTransaction({
      request: req,
      reliable,
      timers: this.o.timers,
      send: (data) => this.o.transport.send(entry.responseDest, data),
      onTerminated: () => {
        this.serverTxns.delete(key);
        this.serverTxnsById.delete(id);
        if (entry.answerTimer) clearTimeout(entry.answerTimer);
      },
      onFinal: () => {
        if (entry.answerTimer) clearTimeout(entry.answerTimer);
        entry.answerTimer = undefined;
        // After the final response only the method is consulted (CANCEL matching), so
        // drop the parsed request, packet and dialog: this state lingers 64*T1 per call.
        // (no reference to `req` here: a closure over it would keep the message alive)
        if (!entry.proxy) {
          entry.request = methodStub(entry.request.method ?? '');
          entry.packet = SPENT_PACKET;
          entry.dialog = undefined;
        }
      },
    });
    this.serverTxns.set(key, entry);
    this.serverTxnsById.set(id, entry);
    return entry;
  }

  private armAnswerTimer(entry: ServerTxnEntry): void {
    const ms = entry.request.method === 'INVITE' ? this.o.inviteAnswerTimeoutMs : this.o.nonInviteAnswerTimeoutMs;
    entry.answerTimer = setTimeout(() => {
      if (entry.txn.lastStatus < 200 && !entry.proxy) {
        this.log.info({ callId: entry.request.callId, method: entry.request.method }, 'app did not answer in time');
        this.respond(entry, entry.request.method === 'INVITE' ? 408 : 500);
      }
    }, ms);
    entry.answerTimer.unref();
  }

  /** Sends a server-generated response on a server transaction. */
  respond(entry: ServerTxnEntry, status: number, headers?: Record<string, string>): SipMessage {
    const res = this.buildResponse(entry, status);
    if (headers) for (const [k, v] of Object.entries(headers)) res.set(k, v);
    entry.txn.sendResponse(status, res.toString());
    if (status >= 200 && entry.request.method === 'INVITE' && entry.cdrAttempted && status >= 300) {
      this.emitCdr('cdr:stop', 'network', res, [status === 487 ? 'call-canceled' : 'call-rejected']);
    }
    return res;
  }

  private buildResponse(entry: ServerTxnEntry, status: number, reason?: string): SipMessage {
    const req = entry.request;
    const res = new SipMessage();
    res.status = status;
    res.reason = reason ?? reasonPhrase(status);
    res.set('via', req.getAll('via'));
    res.set('from', req.get('from') ?? '');
    let to = req.get('to') ?? '';
    if (status > 100 && !req.toTag) {
      entry.toTag ??= randomToken(6);
      to = `${to};tag=${entry.toTag}`;
    }
    res.set('to', to);
    res.set('call-id', req.callId);
    res.set('cseq', req.get('cseq') ?? '');
    return res;
  }

  private deliverRequest(app: AppConnection, entry: ServerTxnEntry, dialogId: string): void {
    const p = entry.packet;
    const data = entry.request.toString();
    app.send(
      ['sip', 'network', Buffer.byteLength(data), p.transport, p.remoteAddress, p.remotePort, nowStamp(), entry.id, dialogId, p.localAddress, p.localPort],
      data,
    );
  }

  private onCancel(req: SipMessage, p: InboundPacket, inviteKey: string, responseDest: Destination): void {
    const cancelKey = inviteKey.replace(/\|INVITE$/, '|CANCEL');
    const existing = this.serverTxns.get(cancelKey);
    if (existing) {
      existing.txn.onRetransmission();
      return;
    }
    const cancelEntry = this.createServerTxn(req, p, cancelKey, responseDest);
    const invite = this.serverTxns.get(inviteKey);
    if (!invite || invite.request.method !== 'INVITE') {
      this.respond(cancelEntry, 481);
      return;
    }
    // §9.2: the CANCEL's To tag must match the one we put on provisional responses
    if (invite.toTag) cancelEntry.toTag = invite.toTag;
    this.respond(cancelEntry, 200);
    if (invite.txn.lastStatus >= 200) return;
    if (invite.proxy) {
      invite.proxy.cancel();
      return;
    }
    this.respond(invite, 487);
    if (invite.app) {
      const data = req.toString();
      invite.app.send(
        ['sip', 'network', Buffer.byteLength(data), p.transport, p.remoteAddress, p.remotePort, nowStamp(), cancelEntry.id, '', p.localAddress, p.localPort],
        data,
      );
    }
  }

  private onAckForDialog(req: SipMessage, p: InboundPacket): void {
    const dialog = this.dialogs.get(`${req.callId}|${req.toTag ?? ''}|${req.fromTag ?? ''}`);
    if (dialog) {
      const seq = req.cseq.seq;
      if (dialog.uas2xx && dialog.uas2xx.cseq === seq) {
        if (dialog.uas2xx.timer) clearTimeout(dialog.uas2xx.timer);
        dialog.uas2xx = undefined;
      }
      if (dialog.ackedCseq >= seq) return; // retransmitted ACK
      dialog.ackedCseq = seq;
      if (dialog.app) {
        const data = req.toString();
        dialog.app.send(
          ['sip', 'network', Buffer.byteLength(data), p.transport, p.remoteAddress, p.remotePort, nowStamp(), randomToken(10), dialog.id, p.localAddress, p.localPort],
          data,
        );
      }
      return;
    }
    // ACK for a 2xx in a dialog we record-routed: forward statelessly
    const routes = req.getAll('route');
    if (routes.length && this.isOwnUri(uriOfNameAddr(routes[0]) ?? '')) {
      routes.shift();
      if (routes.length) req.set('route', routes);
      else req.remove('route');
      this.forwardStateless(req).catch((err: unknown) => this.log.warn({ err }, 'stateless forward failed'));
    }
  }

  private async forwardStateless(req: SipMessage): Promise<void> {
    const target = req.getAll('route')[0] ? uriOfNameAddr(req.getAll('route')[0]) : req.uri;
    const dest = await this.resolve(target ?? '');
    if (!dest) return;
    const mf = Number(req.get('max-forwards') ?? '70');
    if (mf <= 0) return;
    req.set('max-forwards', String(mf - 1));
    const ep = this.o.transport.endpointFor(dest.transport, dest.address);
    if (!ep) return;
    req.prepend('via', `SIP/2.0/${dest.transport.toUpperCase()} ${ep.advertisedHost}:${ep.port};branch=${MAGIC_COOKIE}${randomToken(8)};rport`);
    this.o.transport.send(dest, req.toString());
  }

  private onInDialogRequest(entry: ServerTxnEntry, dialog: Dialog): void {
    const req = entry.request;
    const seq = req.cseq.seq;
    if (seq <= dialog.remoteCseq && req.method !== 'ACK') {
      this.respond(entry, 500, { 'retry-after': '1' });
      return;
    }
    dialog.remoteCseq = seq;
    entry.dialog = dialog;
    entry.toTag = dialog.localTag;
    if (!dialog.app) {
      this.respond(entry, 481);
      return;
    }
    entry.app = dialog.app;
    this.armAnswerTimer(entry);
    if (req.method === 'BYE') {
      this.terminateDialog(dialog, 'normal-release', 'network', req);
    } else if (req.method === 'INVITE') {
      dialog.lastInviteCseq = seq;
    }
    this.deliverRequest(dialog.app, entry, dialog.id);
  }

  private onResponse(res: SipMessage): void {
    const vias = res.getAll('via');
    const via = parseVia(vias[0]);
    const branch = via.params.get('branch') ?? '';
    const entry = this.clientTxns.get(`${branch}|${res.cseq.method}`);
    if (!entry) {
      // 2xx retransmitted after our INVITE transaction ended: re-send the ACK (UAC core duty)
      if (res.cseq.method === 'INVITE' && (res.status ?? 0) >= 200 && (res.status ?? 0) < 300) {
        const dialog = this.dialogs.get(`${res.callId}|${res.fromTag ?? ''}|${res.toTag ?? ''}`);
        if (dialog?.lastAck && dialog.lastAck.cseq === res.cseq.seq) this.o.transport.send(dialog.lastAck.dest, dialog.lastAck.data);
      }
      return;
    }
    entry.txn.onResponse(res);
  }

  // ---------------------------------------------------------------- client side

  /** Sends a request in a new client transaction; adds our Via. */
  async sendRequest(
    msg: SipMessage,
    opts: {
      app?: AppConnection;
      dialog?: Dialog;
      outboundProxy?: string;
      createsDialog?: boolean;
      handler?: (res: SipMessage, entry: ClientTxnEntry) => void;
      onTimeout?: (entry: ClientTxnEntry) => void;
      dest?: Destination;
    },
  ): Promise<ClientTxnEntry | undefined> {
    const routeTop = msg.getAll('route')[0];
    const target = opts.outboundProxy ?? (routeTop ? uriOfNameAddr(routeTop) : msg.uri);
    const dest = opts.dest ?? (await this.resolve(target ?? '', opts.dialog));
    if (!dest) return undefined;
    return this.sendRequestTo(msg, dest, opts);
  }

  sendRequestTo(
    msg: SipMessage,
    dest: Destination,
    opts: {
      app?: AppConnection;
      dialog?: Dialog;
      createsDialog?: boolean;
      handler?: (res: SipMessage, entry: ClientTxnEntry) => void;
      onTimeout?: (entry: ClientTxnEntry) => void;
    },
  ): ClientTxnEntry | undefined {
    const ep = this.o.transport.endpointFor(dest.transport, dest.address);
    if (!ep) return undefined;
    const branch = `${MAGIC_COOKIE}${randomToken(10)}`;
    msg.prepend('via', `SIP/2.0/${dest.transport.toUpperCase()} ${ep.advertisedHost}:${ep.port};branch=${branch};rport`);
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
      reliable: dest.transport === 'tcp',
      timers: this.o.timers,
      send: (d) => this.o.transport.send(dest, d),
      buildAck: (res) => this.buildNon2xxAck(msg, res),
      onResponse: (res) => this.onClientResponse(entry, res),
      onTimeout: () => {
        entry.final = true;
        if (entry.onTimeout) entry.onTimeout(entry);
        else this.deliverSyntheticResponse(entry, 408);
      },
      onTerminated: () => {
        this.clientTxns.delete(key);
        this.clientTxnsById.delete(id);
      },
    });
    this.clientTxns.set(key, entry);
    this.clientTxnsById.set(id, entry);
    entry.txn.start();
    return entry;
  }

  /** Stateful forwarding of a request routed through us (no app involved): to its Request-URI, as is. */
  private forwardToRequestUri(entry: ServerTxnEntry): void {
    this.startProxy(entry, undefined, {
      recordRoute: false,
      parallel: false,
      followRedirects: false,
      destinations: [entry.request.uri ?? ''],
      keepRequestUri: true,
    });
  }

  private buildNon2xxAck(invite: SipMessage, res: SipMessage): string {
    const ack = requestForInvite(invite, 'ACK', res.get('to') ?? '');
    ack.set('max-forwards', '70');
    const routes = invite.getAll('route');
    if (routes.length) ack.set('route', routes);
    return ack.toString();
  }

  private onClientResponse(entry: ClientTxnEntry, res: SipMessage): void {
    const status = res.status ?? 0;
    if (status < 200) {
      if (status > 100 || entry.request.method === 'INVITE') entry.gotProvisional = true;
      if (entry.cancelRequested && !entry.final) this.sendCancel(entry);
    } else {
      entry.final = true;
    }
    if (entry.handler) {
      entry.handler(res, entry);
      return;
    }
    this.onUacResponse(entry, res);
  }

  private onUacResponse(entry: ClientTxnEntry, res: SipMessage): void {
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
          this.resendAck(entry.dialog, res.cseq.seq);
          return;
        }
        entry.answeredTag = toTag;
      } else if (entry.createsDialog) {
        if (entry.answeredTag !== undefined) {
          const d = this.dialogs.get(`${req.callId}|${req.fromTag ?? ''}|${toTag}`);
          if (toTag === entry.answeredTag && d) this.resendAck(d, res.cseq.seq);
          else if (toTag !== entry.answeredTag) this.ackAndByeStray(entry, res);
          return;
        }
        entry.answeredTag = toTag;
        if (!entry.app || entry.app.closed) {
          this.ackAndByeStray(entry, res);
          return;
        }
        const d = this.createUacDialog(entry, res);
        dialogId = d.id;
        this.emitCdr('cdr:start', 'application', res, ['uac']);
      }
    } else if (req.method === 'SUBSCRIBE' && status >= 200 && status < 300 && entry.createsDialog && !entry.dialog) {
      if (entry.answeredTag !== undefined) return;
      entry.answeredTag = res.toTag ?? '';
      if (entry.app && !entry.app.closed) dialogId = this.createUacDialog(entry, res).id;
    } else if (entry.dialog) {
      dialogId = entry.dialog.id;
    } else if (req.method === 'INVITE' && status >= 300 && entry.createsDialog) {
      this.emitCdr('cdr:stop', 'application', res, [status === 487 ? 'call-canceled' : 'call-rejected']);
    }
    if (req.method === 'INVITE' && status < 200 && status > 100 && entry.createsDialog && (!entry.app || entry.app.closed)) {
      // app vanished while the call was ringing: give up on it
      entry.cancelRequested = true;
      this.sendCancel(entry);
    }
    if (!entry.app || entry.app.closed) return;
    const data = res.toString();
    entry.app.send(
      ['sip', 'network', Buffer.byteLength(data), entry.dest.transport, entry.dest.address, entry.dest.port, nowStamp(), entry.id, dialogId],
      data,
    );
  }

  private resendAck(dialog: Dialog, seq: number): void {
    if (dialog.lastAck && dialog.lastAck.cseq === seq) this.o.transport.send(dialog.lastAck.dest, dialog.lastAck.data);
  }

  /** A 2xx nobody wants (second fork, or the app is gone): ACK it and hang it up. */
  private ackAndByeStray(entry: ClientTxnEntry, res: SipMessage): void {
    const tmp = this.buildDialogFromResponse(entry, res);
    tmp.app = undefined;
    this.sendAckInDialog(tmp, res.cseq.seq, undefined);
    this.sendByeInternal(tmp);
  }

  private buildDialogFromResponse(entry: ClientTxnEntry, res: SipMessage): Dialog {
    const req = entry.request;
    const contact = res.getAll('contact')[0];
    const rr = res.getAll('record-route').slice().reverse();
    const localTag = req.fromTag ?? '';
    return {
      id: `${req.callId};from-tag=${localTag}`,
      key: `${req.callId}|${localTag}|${res.toTag ?? ''}`,
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
    const d = this.buildDialogFromResponse(entry, res);
    this.addDialog(d);
    return d;
  }

  private addDialog(d: Dialog): void {
    this.dialogs.set(d.key, d);
    this.dialogsById.set(d.id, d);
    d.lifetime = setTimeout(() => {
      this.log.info({ callId: d.callId }, 'dialog exceeded max lifetime; tearing down');
      this.sendByeInternal(d);
      this.notifyUnsolicitedBye(d, 'session-expired');
    }, this.o.dialogMaxLifetimeMs);
    d.lifetime.unref();
  }

  private removeDialog(d: Dialog): void {
    d.terminated = true;
    if (d.lifetime) clearTimeout(d.lifetime);
    if (d.uas2xx?.timer) clearTimeout(d.uas2xx.timer);
    d.uas2xx = undefined;
    if (this.dialogs.get(d.key) === d) this.dialogs.delete(d.key);
    if (this.dialogsById.get(d.id) === d) this.dialogsById.delete(d.id);
  }

  private terminateDialog(d: Dialog, reason: string, source: 'network' | 'application', msg: SipMessage): void {
    if (d.terminated) return;
    this.removeDialog(d);
    if (d.method === 'INVITE') this.emitCdr('cdr:stop', source, msg, [reason]);
  }

  private deliverSyntheticResponse(entry: ClientTxnEntry, status: number): void {
    const req = entry.request;
    const res = new SipMessage();
    res.status = status;
    res.reason = reasonPhrase(status);
    res.set('via', req.getAll('via'));
    res.set('from', req.get('from') ?? '');
    res.set('to', req.get('to') ?? '');
    res.set('call-id', req.callId);
    res.set('cseq', req.get('cseq') ?? '');
    if (entry.handler) {
      entry.handler(res, entry);
      return;
    }
    if (req.method === 'INVITE' && entry.createsDialog) this.emitCdr('cdr:stop', 'application', res, ['call-rejected']);
    if (req.method === 'BYE' && entry.dialog) this.removeDialog(entry.dialog);
    if (!entry.app || entry.app.closed) return;
    const data = res.toString();
    entry.app.send(
      ['sip', 'network', Buffer.byteLength(data), entry.dest.transport, entry.dest.address, entry.dest.port, nowStamp(), entry.id, entry.dialog?.id ?? ''],
      data,
    );
  }

  /** CANCEL for a client INVITE; deferred until a provisional arrived (RFC 3261 §9.1). */
  requestCancel(entry: ClientTxnEntry, headers?: SipMessage): void {
    entry.cancelRequested = true;
    entry.cancelHeaders = headers;
    if (entry.gotProvisional && !entry.final) this.sendCancel(entry);
  }

  private sendCancel(entry: ClientTxnEntry): void {
    if (entry.final || entry.txn.state === 'terminated') return;
    const inv = entry.request;
    const c = requestForInvite(inv, 'CANCEL', inv.get('to') ?? '');
    c.set('max-forwards', '70');
    const routes = inv.getAll('route');
    if (routes.length) c.set('route', routes);
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
      reliable: dest.transport === 'tcp',
      timers: this.o.timers,
      send: (d) => this.o.transport.send(dest, d),
      buildAck: () => '',
      onResponse: () => undefined,
      onTimeout: () => undefined,
      onTerminated: () => {
        this.clientTxns.delete(key);
        this.clientTxnsById.delete(id);
      },
    });
    this.clientTxns.set(key, ce);
    this.clientTxnsById.set(id, ce);
    ce.txn.start();
  }

  /** ACK for a 2xx: sent by the UAC core outside any transaction (RFC 3261 §13.2.2.4). */
  private sendAckInDialog(d: Dialog, cseq: number, appMsg: SipMessage | undefined): SipMessage | undefined {
    const ack = this.buildInDialogRequest(d, 'ACK', appMsg, cseq);
    this.resolveDialogTarget(d).then((dest) => {
      if (!dest) return;
      const ep = this.o.transport.endpointFor(dest.transport, dest.address);
      if (!ep) return;
      ack.prepend('via', `SIP/2.0/${dest.transport.toUpperCase()} ${ep.advertisedHost}:${ep.port};branch=${MAGIC_COOKIE}${randomToken(10)};rport`);
      const data = ack.toString();
      d.lastAck = { cseq, data, dest };
      this.o.transport.send(dest, data);
    }, this.logFailure('ack'));
    return ack;
  }

  private sendByeInternal(d: Dialog): void {
    if (d.method !== 'INVITE') {
      this.removeDialog(d);
      return;
    }
    const bye = this.buildInDialogRequest(d, 'BYE', undefined, ++d.localCseq);
    this.removeDialog(d);
    this.resolveDialogTarget(d).then((dest) => {
      if (dest) this.sendRequestTo(bye, dest, { handler: () => undefined, onTimeout: () => undefined });
    }, this.logFailure('bye'));
  }

  private logFailure(what: string): (err: unknown) => void {
    return (err) => this.log.warn({ err }, `failed to send ${what}`);
  }

  private notifyUnsolicitedBye(d: Dialog, reason: string): void {
    const app = d.app;
    const bye = this.buildInDialogRequest(d, 'BYE', undefined, d.localCseq);
    bye.set('reason', `SIP;cause=200;text="${reason}"`);
    this.emitCdr('cdr:stop', 'application', bye, [reason]);
    if (!app || app.closed) return;
    const data = bye.toString();
    app.send(['sip', 'application', Buffer.byteLength(data), d.transport, '', '', nowStamp(), 'unsolicited', d.id], data);
  }

  private buildInDialogRequest(d: Dialog, method: string, appMsg: SipMessage | undefined, cseq: number): SipMessage {
    const m = new SipMessage();
    m.method = method;
    m.uri = d.remoteTarget;
    m.set('max-forwards', '70');
    m.set('from', d.localHeader);
    m.set('to', d.remoteHeader);
    m.set('call-id', d.callId);
    m.set('cseq', `${cseq} ${method}`);
    if (d.routeSet.length) m.set('route', d.routeSet);
    if (appMsg) {
      for (const [k, v] of appMsg.headers) {
        if (NO_COPY_FROM_APP.has(k) || k === 'route') continue;
        m.headers.set(k, [...v]);
      }
      m.body = appMsg.body;
    }
    if ((method === 'INVITE' || method === 'UPDATE' || method === 'SUBSCRIBE' || method === 'REFER') && !m.has('contact') && d.localContact) {
      m.set('contact', d.localContact);
    }
    return m;
  }

  private resolveDialogTarget(d: Dialog): Promise<Destination | undefined> {
    const first = d.routeSet[0];
    const target = first ? uriOfNameAddr(first) : d.remoteTarget;
    return this.resolve(target ?? '', d);
  }

  /** Resolves a SIP URI to a transport destination (RFC 3263 without NAPTR/SRV). */
  async resolve(uri: string, dialog?: Dialog): Promise<Destination | undefined> {
    const u = parseUri(uri);
    if (!u || !u.host) return undefined;
    let host = u.host.startsWith('[') ? u.host.slice(1, -1) : u.host;
    const tp = (u.params['transport'] ?? '').toString().toLowerCase();
    let transport: TransportName = tp === 'tcp' ? 'tcp' : tp === 'udp' ? 'udp' : (dialog?.transport ?? 'udp');
    if (!this.o.transport.supports(transport)) transport = transport === 'udp' ? 'tcp' : 'udp';
    if (!net.isIP(host)) {
      if (host === 'localhost') host = '127.0.0.1';
      else {
        try {
          host = (await lookup(host)).address;
        } catch {
          return undefined;
        }
      }
    }
    const port = u.port || 5060;
    const dest: Destination = { transport, address: host, port };
    if (dialog?.connectionKey && transport === 'tcp') dest.connectionKey = dialog.connectionKey;
    return dest;
  }

  isOwnUri(uri: string): boolean {
    const u = parseUri(uri);
    if (!u || !u.host) return false;
    return this.o.transport.isLocal(u.host, u.port || undefined);
  }

  // ---------------------------------------------------------------- from apps

  /** `sip|txnId|dialogId[|proxy]` from an app; always answered with OK or NOK. */
  async handleAppSip(app: AppConnection, rid: string, args: string[], body: string): Promise<void> {
    const [txnId = '', dialogId = '', outboundProxy = ''] = args;
    let m: SipMessage;
    try {
      m = SipMessage.parse(body);
    } catch {
      this.nok(app, rid, 'unable to parse sip message');
      return;
    }
    if (!m.isRequest) {
      this.appResponse(app, rid, txnId, m);
      return;
    }
    if (m.method === 'CANCEL' && txnId) {
      const entry = this.clientTxnsById.get(txnId);
      if (!entry || entry.request.method !== 'INVITE') {
        this.nok(app, rid, 'unknown transaction');
        return;
      }
      this.requestCancel(entry, m);
      this.ok(app, rid, entry.dest, '', '', this.cancelEcho(entry));
      return;
    }
    if (dialogId) {
      await this.appInDialogRequest(app, rid, dialogId, m);
      return;
    }
    if (m.method === 'ACK') {
      // drachtio-srf ACKs every final response; for a non-2xx the transaction layer has
      // already sent the ACK (RFC 3261 §17.1.1.3), so there is nothing to do.
      this.ok(app, rid, undefined, '', '', m.toString());
      return;
    }
    await this.appNewRequest(app, rid, m, outboundProxy);
  }

  private cancelEcho(entry: ClientTxnEntry): string {
    return requestForInvite(entry.request, 'CANCEL', entry.request.get('to') ?? '').toString();
  }

  ok(app: AppConnection, rid: string, dest: Destination | undefined, txnId: string, dialogId: string, sip: string): void {
    app.send(
      ['response', rid, 'OK', 'application', Buffer.byteLength(sip), dest?.transport ?? 'udp', dest?.address ?? '', dest?.port ?? '', nowStamp(), txnId, dialogId],
      sip,
    );
  }

  nok(app: AppConnection, rid: string, reason: string): void {
    app.send(['response', rid, 'NOK', reason.replace(/\|/g, ' ')]);
  }

  private localContactFor(ep: LocalEndpoint, user?: string): string {
    const t = ep.transport === 'tcp' ? ';transport=tcp' : '';
    return `<sip:${user ? `${user}@` : ''}${ep.advertisedHost}:${ep.port}${t}>`;
  }

  private async appNewRequest(app: AppConnection, rid: string, m: SipMessage, outboundProxy: string): Promise<void> {
    const method = m.method ?? '';
    if (!m.uri || !parseUri(m.uri)) {
      this.nok(app, rid, 'invalid request uri');
      return;
    }
    const routeTop = m.getAll('route')[0];
    const target = outboundProxy || (routeTop ? uriOfNameAddr(routeTop) : m.uri);
    const dest = await this.resolve(target ?? '');
    if (!dest) {
      this.nok(app, rid, `unable to resolve ${target}`);
      return;
    }
    const ep = this.o.transport.endpointFor(dest.transport, dest.address);
    if (!ep) {
      this.nok(app, rid, 'no transport for destination');
      return;
    }
    m.remove('via');
    if (!m.has('call-id')) m.set('call-id', `${randomToken(12)}@${ep.advertisedHost}`);
    let from = m.get('from') ?? `<sip:${ep.advertisedHost}>`;
    from = this.replaceLocalhost(from, ep, false);
    if (!/;\s*tag=/i.test(from)) from = `${from};tag=${randomToken(6)}`;
    m.set('from', from);
    if (!m.has('to')) m.set('to', `<${m.uri}>`);
    if (!m.has('cseq')) m.set('cseq', `${1 + Math.floor(Math.random() * 1000)} ${method}`);
    else if (!/^\s*\d+\s+\S+/.test(m.get('cseq') ?? '')) m.set('cseq', `1 ${method}`);
    if (m.has('contact')) m.set('contact', this.replaceLocalhost(m.get('contact') ?? '', ep, true));
    else if (['INVITE', 'SUBSCRIBE', 'REFER', 'NOTIFY', 'UPDATE'].includes(method)) {
      const fromUri = parseUri(uriOfNameAddr(from) ?? '');
      m.set('contact', this.localContactFor(ep, fromUri?.user));
    }
    const createsDialog = method === 'INVITE' || method === 'SUBSCRIBE';
    const entry = this.sendRequestTo(m, dest, { app, createsDialog });
    if (!entry) {
      this.nok(app, rid, 'unable to send request');
      return;
    }
    if (method === 'INVITE') this.emitCdr('cdr:attempt', 'application', m, []);
    this.ok(app, rid, dest, entry.id, '', m.toString());
  }

  /** drachtio-server rewrites "localhost" in From/Contact to its own address. */
  private replaceLocalhost(value: string, ep: LocalEndpoint, withPort: boolean): string {
    return value.replace(/@localhost(?=[;>:]|$)/i, `@${ep.advertisedHost}${withPort ? `:${ep.port}` : ''}`);
  }

  private async appInDialogRequest(app: AppConnection, rid: string, dialogId: string, m: SipMessage): Promise<void> {
    const d = this.dialogsById.get(dialogId);
    const method = m.method ?? '';
    if (!d || d.terminated) {
      this.nok(app, rid, 'unable to find dialog');
      return;
    }
    if (method === 'ACK') {
      const ack = this.buildInDialogRequest(d, 'ACK', m, d.lastInviteCseq);
      const dest = await this.resolveDialogTarget(d);
      if (!dest) {
        this.nok(app, rid, 'unable to resolve dialog target');
        return;
      }
      const ep = this.o.transport.endpointFor(dest.transport, dest.address);
      if (!ep) {
        this.nok(app, rid, 'no transport');
        return;
      }
      ack.prepend('via', `SIP/2.0/${dest.transport.toUpperCase()} ${ep.advertisedHost}:${ep.port};branch=${MAGIC_COOKIE}${randomToken(10)};rport`);
      const data = ack.toString();
      d.lastAck = { cseq: d.lastInviteCseq, data, dest };
      this.o.transport.send(dest, data);
      this.ok(app, rid, dest, '', d.id, data);
      return;
    }
    const seq = ++d.localCseq;
    if (method === 'INVITE') d.lastInviteCseq = seq;
    const req = this.buildInDialogRequest(d, method, m, seq);
    const dest = await this.resolveDialogTarget(d);
    if (!dest) {
      this.nok(app, rid, 'unable to resolve dialog target');
      return;
    }
    if (method === 'BYE') this.terminateDialog(d, 'normal-release', 'application', req);
    const entry = this.sendRequestTo(req, dest, { app, dialog: d });
    if (!entry) {
      this.nok(app, rid, 'unable to send request');
      return;
    }
    this.ok(app, rid, dest, entry.id, d.id, req.toString());
  }

  private appResponse(app: AppConnection, rid: string, txnId: string, m: SipMessage): void {
    const entry = this.serverTxnsById.get(txnId);
    if (!entry || entry.proxy) {
      this.nok(app, rid, 'unknown or completed transaction');
      return;
    }
    const status = m.status ?? 0;
    if (entry.txn.lastStatus >= 200 || entry.txn.state === 'terminated') {
      this.nok(app, rid, 'final response already sent');
      return;
    }
    const req = entry.request;
    const res = this.buildResponse(entry, status, m.reason || undefined);
    const appTo = m.get('to');
    const appTag = appTo ? parseNameAddr(appTo)?.params['tag'] : undefined;
    if (appTag && !req.toTag && status > 100) {
      entry.toTag = appTag;
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
      if (!res.has('contact')) res.set('contact', this.localContactFor(entry.inbound));
    } else if (method === 'INVITE' && entry.dialog && status >= 200 && status < 300 && !res.has('contact')) {
      res.set('contact', entry.dialog.localContact);
    }
    let dialogId = entry.dialog?.id ?? '';
    if (formsDialog && status >= 200 && status < 300) {
      const d = this.createUasDialog(entry, res, app);
      dialogId = d.id;
      if (method === 'INVITE') this.emitCdr('cdr:start', 'network', res, ['uas']);
    }
    const data = res.toString();
    const dialog = entry.dialog; // sending a final response releases it from the entry
    entry.txn.sendResponse(status, data);
    if (method === 'INVITE' && status >= 200 && status < 300 && dialog) {
      this.start2xxRetransmit(dialog, req.cseq.seq, data, entry.responseDest);
    }
    if (method === 'INVITE' && status >= 300 && !dialog && entry.cdrAttempted) {
      this.emitCdr('cdr:stop', 'network', res, [status === 487 ? 'call-canceled' : 'call-rejected']);
    }
    if (status >= 200 && entry.answerTimer) clearTimeout(entry.answerTimer);
    this.ok(app, rid, entry.responseDest, entry.id, dialogId, data);
  }

  private createUasDialog(entry: ServerTxnEntry, res: SipMessage, app: AppConnection): Dialog {
    const req = entry.request;
    const remoteTag = req.fromTag ?? '';
    const localTag = entry.toTag ?? '';
    const contact = req.getAll('contact')[0];
    const d: Dialog = {
      id: `${req.callId};from-tag=${remoteTag}`,
      key: `${req.callId}|${localTag}|${remoteTag}`,
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
    this.addDialog(d);
    entry.dialog = d;
    return d;
  }

  /** UAS core: keep sending the 2xx until the ACK arrives (RFC 3261 §13.3.1.4). */
  private start2xxRetransmit(d: Dialog, cseq: number, data: string, dest: Destination): void {
    if (d.uas2xx?.timer) clearTimeout(d.uas2xx.timer);
    const state = { cseq, data, dest, interval: this.o.timers.t1, started: Date.now(), timer: undefined as NodeJS.Timeout | undefined };
    d.uas2xx = state;
    const reliable = dest.transport === 'tcp';
    const tick = (): void => {
      if (d.uas2xx !== state || d.terminated) return;
      if (Date.now() - state.started >= 64 * this.o.timers.t1) {
        d.uas2xx = undefined;
        this.log.info({ callId: d.callId }, 'no ACK for 2xx; tearing down dialog');
        this.sendByeInternal(d);
        this.notifyUnsolicitedBye(d, 'ack-timeout');
        return;
      }
      if (!reliable) this.o.transport.send(dest, data);
      state.interval = Math.min(2 * state.interval, this.o.timers.t2);
      state.timer = setTimeout(tick, reliable ? 64 * this.o.timers.t1 : state.interval);
    };
    state.timer = setTimeout(tick, reliable ? 64 * this.o.timers.t1 : state.interval);
  }

  // ---------------------------------------------------------------- proxy

  handleAppProxy(app: AppConnection, rid: string, args: string[], body: string): void {
    const [txnId = '', remainInDialog = '', , followRedirects = '', mode = 'serial', provisionalTimeout = '', finalTimeout = '', ...dests] = args;
    const entry = this.serverTxnsById.get(txnId);
    if (!entry || entry.txn.lastStatus >= 200 || entry.proxy) {
      this.nok(app, rid, 'unknown or completed transaction');
      return;
    }
    let extra: SipMessage | undefined;
    try {
      extra = SipMessage.parse(body);
    } catch {
      extra = undefined;
    }
    if (entry.answerTimer) clearTimeout(entry.answerTimer);
    this.startProxy(entry, { app, rid }, {
      recordRoute: remainInDialog === 'remainInDialog',
      followRedirects: followRedirects === 'followRedirects',
      parallel: mode === 'simultaneous',
      provisionalTimeoutMs: parseDuration(provisionalTimeout),
      finalTimeoutMs: parseDuration(finalTimeout),
      destinations: dests.filter((d) => d),
      extraHeaders: extra,
    });
  }

  private startProxy(entry: ServerTxnEntry, report: { app: AppConnection; rid: string } | undefined, opts: ProxyOptions): void {
    const op = new ProxyOperation(this, entry, opts, report);
    entry.proxy = op;
    if (entry.request.method === 'INVITE' && report && !entry.cdrAttempted) {
      entry.cdrAttempted = true;
      this.emitCdr('cdr:attempt', 'network', entry.request, []);
    }
    op.start();
  }

  /** ProxyHost: forward a response upstream on the server transaction. */
  forwardUpstream(entry: ServerTxnEntry, res: SipMessage): void {
    const status = res.status ?? 0;
    if (entry.txn.state === 'accepted' && status >= 200 && status < 300) {
      // additional 2xx from other forks bypass the (already accepted) transaction
      this.o.transport.send(entry.responseDest, res.toString());
      return;
    }
    entry.txn.sendResponse(status, res.toString());
    if (entry.request.method === 'INVITE' && entry.cdrAttempted && status >= 200) {
      if (status < 300) this.emitCdr('cdr:start', 'network', res, ['uas-proxy']);
      else this.emitCdr('cdr:stop', 'network', res, [status === 487 ? 'call-canceled' : 'call-rejected']);
    }
  }

  respondUpstream(entry: ServerTxnEntry, status: number): SipMessage {
    return this.respond(entry, status);
  }

  recordRouteFor(entry: ServerTxnEntry): string {
    const ep = entry.inbound;
    const t = ep.transport === 'tcp' ? ';transport=tcp' : '';
    return `<sip:${ep.advertisedHost}:${ep.port}${t};lr>`;
  }

  // ---------------------------------------------------------------- cdr

  emitCdr(event: 'cdr:attempt' | 'cdr:start' | 'cdr:stop', source: string, msg: SipMessage, extra: string[]): void {
    const app = this.o.registry.pickForCdr(event, msg.callId);
    if (!app) return;
    app.send([event, source, nowStamp(), ...extra], msg.toString());
  }

  // ---------------------------------------------------------------- app lifecycle

  /** An app went away: nothing it owned may linger (RFC-wise or memory-wise). */
  onAppGone(app: AppConnection): void {
    for (const entry of this.serverTxnsById.values()) {
      if (entry.app === app && !entry.proxy && entry.txn.lastStatus < 200 && entry.request.method !== 'CANCEL') {
        this.respond(entry, entry.request.method === 'INVITE' ? 480 : 503);
      }
      if (entry.app === app) entry.app = undefined;
      if (entry.proxy) entry.proxy.detachApp(app);
    }
    for (const d of [...this.dialogsById.values()]) {
      if (d.app !== app) continue;
      d.app = undefined;
      this.sendByeInternal(d);
      if (d.method === 'INVITE') {
        const bye = this.buildInDialogRequest(d, 'BYE', undefined, d.localCseq);
        this.emitCdr('cdr:stop', 'application', bye, ['system-initiated-termination']);
      }
    }
    for (const entry of this.clientTxnsById.values()) {
      if (entry.app !== app) continue;
      if (entry.request.method === 'INVITE' && entry.createsDialog && !entry.final) this.requestCancel(entry);
    }
  }

  close(): void {
    for (const e of [...this.serverTxnsById.values()]) {
      e.proxy?.dispose();
      if (e.answerTimer) clearTimeout(e.answerTimer);
      e.txn.terminate();
    }
    for (const e of [...this.clientTxnsById.values()]) e.txn.terminate();
    for (const d of [...this.dialogsById.values()]) this.removeDialog(d);
  }
}

export function parseDuration(s: string): number | undefined {
  const m = /^\s*(\d+)\s*(ms|s)?\s*$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] === 'ms' ? n : n * 1000;
}
