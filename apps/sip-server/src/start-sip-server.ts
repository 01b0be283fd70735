import pino, { type Logger } from 'pino';
import { AppRegistry } from './apps/app-registry';
import { WireServer } from './apps/wire-server';
import { DEFAULT_LIMITS } from './config/limits';
import { SipCore } from './sip-core';
import type { TimerConfig } from './transactions/timers';
import { FairInboundQueue } from './transport/fair-inbound-queue';
import { RateLimiter } from './transport/rate-limiter';
import type { TlsSettings } from './transport/tls-certificates';
import { TransportLayer, type InboundPacket, type ListenSpec, type TransportStats } from './transport/transport-layer';

export interface SipServerOptions {
  /** SIP listen sockets; port 0 picks an ephemeral port */
  listen?: ListenSpec[];
  advertisedAddress?: string;
  drachtioHost?: string;
  drachtioPort?: number;
  secret?: string;
  timers?: Partial<TimerConfig>;
  maxMessageBytes?: number;
  /** SO_RCVBUF asked for on UDP sockets (0: OS default); default 4 MiB */
  udpRecvBufferBytes?: number;
  /** messages per second per source address (0: no limit), and the bucket size */
  rateLimitPerSource?: number;
  rateLimitBurst?: number;
  /** inbound TCP connections per source address (0: no cap) */
  tcpMaxConnectionsPerSource?: number;
  /** close a TCP connection whose message is not complete this long after its first byte (0: never) */
  tcpMessageTimeoutMs?: number;
  tcpIdleTimeoutMs?: number;
  /** certificates for the tls listen addresses (required when there are any) */
  tls?: TlsSettings;
  dialogMaxLifetimeMs?: number;
  inviteAnswerTimeoutMs?: number;
  logger?: Logger;
}

export interface RunningSipServer {
  /** port of the first SIP listen socket */
  sipPort: number;
  drachtioPort: number;
  /** every SIP endpoint as transport/address:port */
  hostports: string;
  core: SipCore;
  /** what the per-source defences have refused so far, and what waits to be handled */
  transportStats(): TransportStats & { queueDrops: number; queued: number };
  /**
   * Shutting down without dropping calls: new requests get 503 with Retry-After and new TCP
   * connections are refused, while calls in progress go on until the last one ends
   * ('drained') or `timeoutMs` has passed ('timed-out'). Close the server after it.
   */
  drain(timeoutMs: number): Promise<'drained' | 'timed-out'>;
  /** Reads the TLS certificate files again (SIGHUP); throws, keeping the old ones, when one is bad. */
  reloadCertificates(): void;
  close(): Promise<void>;
}

/** How often a draining server looks whether its last call has ended. */
const DRAIN_CHECK_MS = 100;

/** Starts the SIP server in-process (used by main.ts and by tests of other services). */
export async function startSipServer(options: SipServerOptions = {}): Promise<RunningSipServer> {
  const logger = options.logger ?? pino({ level: 'silent' });
  const timers: TimerConfig = { t1: 500, t2: 4000, t4: 5000, ...options.timers };
  const registry = new AppRegistry();
  // packets can only arrive after start(), by which time the core exists; once closed,
  // what is still queued is dropped rather than starting transactions nobody will end
  const ref: { core?: SipCore; closed?: boolean } = {};
  const limiter = new RateLimiter(
    options.rateLimitPerSource ?? DEFAULT_LIMITS.ratePerSource,
    options.rateLimitBurst ?? DEFAULT_LIMITS.rateBurst,
  );
  // admitted messages wait here, per source, until the core has time for them
  const inbound = new FairInboundQueue<InboundPacket>({
    perSourceBytes: DEFAULT_LIMITS.queuePerSourceBytes,
    totalBytes: DEFAULT_LIMITS.queueTotalBytes,
    turnBudgetMs: DEFAULT_LIMITS.queueTurnBudgetMs,
    busyTurnsPerMessage: DEFAULT_LIMITS.queueBusyTurnsPerMessage,
    handle: (p) => {
      if (!ref.closed) ref.core?.onPacket(p);
    },
  });
  const transport = await startTransport(options, logger, limiter, inbound);
  const core = new SipCore({
    transport,
    registry,
    timers,
    logger,
    inviteAnswerTimeoutMs: options.inviteAnswerTimeoutMs ?? 180_000,
    nonInviteAnswerTimeoutMs: 64 * timers.t1,
    dialogMaxLifetimeMs: options.dialogMaxLifetimeMs ?? 4 * 3600_000,
  });
  ref.core = core;
  const wire = new WireServer({
    host: options.drachtioHost ?? '127.0.0.1',
    port: options.drachtioPort ?? 0,
    secret: options.secret ?? 'cymru',
    registry,
    core,
    logger,
    hostports: () => transport.hostports(),
    maxFrameBytes: 4 * 1024 * 1024,
  });
  const drachtioPort = await wire.start();
  return {
    sipPort: transport.endpoints[0].port,
    drachtioPort,
    hostports: transport.hostports(),
    core,
    transportStats: () => ({ ...transport.stats, queueDrops: inbound.dropped, queued: inbound.queued }),
    async drain(timeoutMs) {
      core.drain();
      await transport.stopAccepting();
      const deadline = Date.now() + timeoutMs;
      while (core.callsInProgress > 0) {
        if (Date.now() >= deadline) return 'timed-out';
        await new Promise((r) => setTimeout(r, Math.min(DRAIN_CHECK_MS, deadline - Date.now())));
      }
      return 'drained';
    },
    reloadCertificates: () => transport.reloadCertificates(),
    async close() {
      ref.closed = true;
      await wire.close();
      core.close();
      await transport.close();
    },
  };
}

/**
 * Binds the SIP sockets, which hand what the per-source limit admits to the inbound queue; when
 * a paired TCP port is already taken, tries fresh ephemeral ports.
 */
async function startTransport(
  options: SipServerOptions,
  logger: Logger,
  limiter: RateLimiter,
  inbound: FairInboundQueue<InboundPacket>,
): Promise<TransportLayer> {
  const makeTransport = () => new TransportLayer({
    listen: options.listen ?? [
      { transport: 'udp', host: '127.0.0.1', port: 0 },
      { transport: 'tcp', host: '127.0.0.1', port: 0 },
    ],
    advertisedAddress: options.advertisedAddress,
    maxMessageSize: options.maxMessageBytes ?? 65535,
    udpRecvBufferBytes: options.udpRecvBufferBytes ?? 4 * 1024 * 1024,
    tcpIdleTimeoutMs: options.tcpIdleTimeoutMs ?? DEFAULT_LIMITS.tcpIdleTimeoutMs,
    tcpMaxConnectionsPerSource: options.tcpMaxConnectionsPerSource ?? DEFAULT_LIMITS.tcpConnectionsPerSource,
    tcpMessageTimeoutMs: options.tcpMessageTimeoutMs ?? DEFAULT_LIMITS.tcpMessageTimeoutMs,
    tls: options.tls,
    logger,
    admit: (address) => {
      inbound.noteRead();
      return limiter.allow(address);
    },
    onPacket: (p) => inbound.push(p),
  });
  let transport = makeTransport();
  for (let attempt = 0; ; attempt++) {
    try {
      await transport.start();
      return transport;
    } catch (err) {
      await transport.close();
      // the paired TCP port may already be taken; a fresh ephemeral pick usually works
      if (attempt >= 10 || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
      transport = makeTransport();
    }
  }
}
