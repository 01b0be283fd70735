import type { Logger } from 'pino';
import { rejectionReason, type CdrEmitter } from '../apps/cdr-emitter';
import { randomToken, SipMessage } from '../sip/sip-message';
import { reasonPhrase } from '@branchline/sip';
import { MAGIC_COOKIE, sentBy, type Via } from '../sip/via';
import { isStream, type Destination, type InboundPacket, type TransportLayer } from '../transport/transport-layer';
import type { RetransmissionAbsorber } from './retransmission-absorber';
import { ServerTransaction } from './server-transaction';
import type { TimerConfig } from './timers';
import type { ServerTxnEntry } from './transaction-entries';

export interface ServerTransactionsOptions {
  transport: TransportLayer;
  timers: TimerConfig;
  logger: Logger;
  cdr: CdrEmitter;
  /** where answered transactions linger for Timer J (lingerCompleted) */
  retransmissions: RetransmissionAbsorber;
  /** how long an app may take to send a final response to an INVITE */
  inviteAnswerTimeoutMs: number;
  /** ... and to any other request */
  nonInviteAnswerTimeoutMs: number;
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

/** RFC 3261 §17.2.3 matching key; ACK and CANCEL share their INVITE's. */
export function serverTransactionKey(m: SipMessage, via: Via, rawTopVia: string): string {
  const method = m.method === 'ACK' || m.method === 'CANCEL' ? 'INVITE' : (m.method ?? '');
  const branch = via.params.get('branch');
  if (branch && branch.startsWith(MAGIC_COOKIE)) return `${branch}|${sentBy(via)}|${method}`;
  // RFC 2543 peers: fall back to the request identity (§17.2.3)
  return `${m.callId}|${m.cseq.seq}|${m.fromTag ?? ''}|${rawTopVia}|${method}`;
}

/**
 * Server transactions for requests received from the network: the table (by matching key
 * and by drachtio id), the responses the server itself sends on them, and the deadline by
 * which the app must answer.
 */
export class ServerTransactions {
  private readonly byKey = new Map<string, ServerTxnEntry>();
  private readonly byId = new Map<string, ServerTxnEntry>();

  constructor(private readonly o: ServerTransactionsOptions) {}

  get(key: string): ServerTxnEntry | undefined {
    return this.byKey.get(key);
  }

  getById(id: string): ServerTxnEntry | undefined {
    return this.byId.get(id);
  }

  /** Transactions alive, the completed ones still answering retransmissions included. */
  get size(): number {
    return this.byId.size + this.o.retransmissions.lingering;
  }

  values(): IterableIterator<ServerTxnEntry> {
    return this.byId.values();
  }

  create(req: SipMessage, p: InboundPacket, rawKey: string, responseDest: Destination): ServerTxnEntry {
    // Substrings of the received datagram keep the whole datagram alive in V8; the key
    // outlives the message by 64*T1, so store an independent copy.
    const key = Buffer.from(rawKey, 'utf8').toString('utf8');
    const id = randomToken(10);
    const reliable = isStream(p.transport);
    const transport = this.o.transport;
    const entry: ServerTxnEntry = {
      id,
      key,
      request: req,
      responseDest,
      // keep transport metadata only; the datagram itself is not needed after parsing
      packet: { ...p, data: EMPTY },
      inbound: transport.endpointAt(p.transport, p.localPort, p.localAddress) ?? transport.endpoints[0],
      txn: undefined as unknown as ServerTransaction,
    };
    entry.txn = new ServerTransaction({
      request: req,
      reliable,
      timers: this.o.timers,
      send: (data) => transport.send(entry.responseDest, data),
      onTerminated: () => {
        this.byKey.delete(key);
        this.byId.delete(id);
        if (entry.answerTimer) clearTimeout(entry.answerTimer);
      },
      // a proxied request keeps its whole transaction while a branch may still answer
      // (its later responses go upstream through it); a settled one lingers as bytes too
      lingerCompleted: (response) => {
        return (!entry.proxy || entry.proxy.settled) && this.o.retransmissions.linger(key, response, entry.responseDest);
      },
      onFinal: () => {
        if (entry.answerTimer) clearTimeout(entry.answerTimer);
        entry.answerTimer = undefined;
        // After the final response only the method is consulted (CANCEL matching), so
        // drop the parsed request, packet and dialog: this state lingers 64*T1 per call.
        // A proxy operation has read the request by then too (it builds its branches from
        // its own copy, and answers upstream from responses).
        // (no reference to `req` here: a closure over it would keep the message alive)
        entry.request = methodStub(entry.request.method ?? '');
        entry.packet = SPENT_PACKET;
        entry.dialog = undefined;
      },
    });
    this.byKey.set(key, entry);
    this.byId.set(id, entry);
    return entry;
  }

  /** An app that never answers must not leave the caller hanging (408 for INVITE, else 500). */
  armAnswerTimer(entry: ServerTxnEntry): void {
    const ms = entry.request.method === 'INVITE' ? this.o.inviteAnswerTimeoutMs : this.o.nonInviteAnswerTimeoutMs;
    entry.answerTimer = setTimeout(() => {
      if (entry.txn.lastStatus < 200 && !entry.proxy) {
        this.o.logger.info({ callId: entry.request.callId, method: entry.request.method }, 'app did not answer in time');
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
      this.o.cdr.emit('cdr:stop', 'network', res, [rejectionReason(status)]);
    }
    return res;
  }

  /** Via, From, To (with our tag once past 100), Call-ID and CSeq from the request. */
  buildResponse(entry: ServerTxnEntry, status: number, reason?: string): SipMessage {
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

  /** Server shutdown: no transaction timer may fire afterwards. */
  closeAll(): void {
    for (const e of [...this.byId.values()]) {
      e.proxy?.dispose();
      if (e.answerTimer) clearTimeout(e.answerTimer);
      e.txn.terminate();
    }
  }
}
