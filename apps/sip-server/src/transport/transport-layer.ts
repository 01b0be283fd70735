import * as dgram from 'node:dgram';
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { Logger } from 'pino';
import { FramingError, TcpFramer } from './tcp-framer';
import { TlsCertificates, type TlsSettings } from './tls-certificates';
import { hostForUri } from '../sip/via';

export type TransportName = 'udp' | 'tcp' | 'tls';

/** The port a SIP URI or Via without one means (RFC 3261 §19.1.2). */
export function defaultPort(transport: TransportName): number {
  return transport === 'tls' ? 5061 : 5060;
}

/** TCP and TLS: reliable, connection-oriented, framed by Content-Length (RFC 3261 §18.3). */
export function isStream(transport: TransportName): boolean {
  return transport !== 'udp';
}

export interface ListenSpec {
  transport: TransportName;
  host: string;
  port: number;
}

export interface InboundPacket {
  data: Buffer;
  transport: TransportName;
  remoteAddress: string;
  remotePort: number;
  localAddress: string;
  localPort: number;
  /** set for TCP and TLS: the connection the message arrived on, reused for responses */
  connectionKey?: string;
}

export interface Destination {
  transport: TransportName;
  address: string;
  port: number;
  connectionKey?: string;
}

export interface LocalEndpoint {
  transport: TransportName;
  family: 4 | 6;
  bindAddress: string;
  /** the address put in Via/Contact/Record-Route */
  advertisedHost: string;
  port: number;
}

export interface TransportOptions {
  listen: ListenSpec[];
  advertisedAddress?: string;
  maxMessageSize: number;
  /** SO_RCVBUF for UDP sockets; 0 keeps the OS default */
  udpRecvBufferBytes: number;
  tcpIdleTimeoutMs: number;
  /** inbound TCP connections one source address may hold; further ones are closed at once (0: no cap) */
  tcpMaxConnectionsPerSource: number;
  /** a TCP message begun but not complete this long after its first byte closes the connection */
  tcpMessageTimeoutMs: number;
  /** certificates and handshake timeout; required when `listen` has a tls entry */
  tls?: TlsSettings;
  logger: Logger;
  /**
   * Asked first for every datagram and every framed TCP message, with nothing but the
   * source address: false drops it before it is even turned into a string (a flooding source).
   */
  admit: (remoteAddress: string) => boolean;
  onPacket: (p: InboundPacket) => void;
}

export interface TransportStats {
  /** datagrams and TCP messages refused by `admit` */
  refusedMessages: number;
  /** inbound TCP connections closed for exceeding the per-source cap */
  refusedConnections: number;
  /** TCP connections closed because a message did not complete in time */
  messageTimeouts: number;
}

interface TcpConn {
  transport: 'tcp' | 'tls';
  socket: net.Socket;
  key: string;
  ready: Promise<void>;
}

/** How connections are found: by transport and the peer's address and port. */
function connectionKey(transport: TransportName, address: string, port: number): string {
  return `${transport}/${address}:${port}`;
}

function familyOf(address: string): 4 | 6 {
  return net.isIPv6(address) ? 6 : 4;
}

/** UDP and TCP SIP transports on the configured listen addresses. */
export class TransportLayer {
  private readonly udp: { socket: dgram.Socket; ep: LocalEndpoint }[] = [];
  private readonly tcpServers: { server: net.Server; ep: LocalEndpoint }[] = [];
  private certificates?: TlsCertificates;
  private readonly conns = new Map<string, TcpConn>();
  /** inbound TCP connections held per source address */
  private readonly inboundPerSource = new Map<string, number>();
  readonly stats: TransportStats = { refusedMessages: 0, refusedConnections: 0, messageTimeouts: 0 };
  readonly endpoints: LocalEndpoint[] = [];
  private closed = false;

  constructor(private readonly opts: TransportOptions) {}

  async start(): Promise<void> {
    // Ephemeral (port 0) UDP and TCP sockets on one host share a port number, as a
    // real server's would, so a single host:port reaches both transports; TLS has a port of its own.
    const chosen = new Map<string, number>();
    for (const original of this.opts.listen) {
      const spec = { ...original };
      const paired = spec.transport !== 'tls';
      if (spec.port === 0 && paired && chosen.has(spec.host)) spec.port = chosen.get(spec.host) as number;
      const family = familyOf(spec.host);
      if (spec.transport === 'udp') {
        const recvBufferBytes = this.opts.udpRecvBufferBytes;
        const socket = dgram.createSocket({
          type: family === 6 ? 'udp6' : 'udp4',
          reuseAddr: false,
          // absorbs bursts and short stalls (GC, a busy neighbour) instead of dropping
          ...(recvBufferBytes > 0 ? { recvBufferSize: recvBufferBytes } : {}),
        });
        await new Promise<void>((resolve, reject) => {
          socket.once('error', reject);
          socket.bind(spec.port, spec.host, () => {
            socket.off('error', reject);
            resolve();
          });
        });
        try {
          socket.setSendBufferSize(8 * 1024 * 1024);
        } catch {
          // not fatal: the OS caps the size
        }
        if (recvBufferBytes > 0) this.checkRecvBuffer(socket, recvBufferBytes);
        const ep = this.makeEndpoint('udp', family, spec.host, socket.address().port);
        if (original.port === 0 && !chosen.has(spec.host)) chosen.set(spec.host, ep.port);
        socket.on('error', (err) => this.opts.logger.warn({ err }, 'udp socket error'));
        socket.on('message', (data, rinfo) => {
          if (!this.opts.admit(rinfo.address)) {
            this.stats.refusedMessages++;
            return;
          }
          if (data.length > this.opts.maxMessageSize) return;
          this.opts.onPacket({
            data,
            transport: 'udp',
            remoteAddress: rinfo.address,
            remotePort: rinfo.port,
            localAddress: ep.bindAddress,
            localPort: ep.port,
          });
        });
        this.udp.push({ socket, ep });
      } else {
        const server = this.createStreamServer(spec.transport);
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(spec.port, spec.host, () => {
            server.off('error', reject);
            resolve();
          });
        });
        const addr = server.address() as net.AddressInfo;
        const ep = this.makeEndpoint(spec.transport, family, spec.host, addr.port);
        if (original.port === 0 && paired && !chosen.has(spec.host)) chosen.set(spec.host, ep.port);
        server.on('error', (err) => this.opts.logger.warn({ err }, `${spec.transport} server error`));
        this.tcpServers.push({ server, ep });
      }
    }
  }

  /**
   * A TCP or TLS listener. The per-source cap is checked on the raw connection, before a TLS
   * handshake costs anything; a handshake that does not finish in time closes the connection.
   */
  private createStreamServer(transport: 'tcp' | 'tls'): net.Server {
    if (transport === 'tcp') return net.createServer((s) => this.admitConnection(s) && this.adoptSocket(s, 'tcp'));
    if (!this.opts.tls) throw new Error('a tls listen address needs a certificate (SIP_TLS_CERT_FILE, SIP_TLS_KEY_FILE)');
    this.certificates ??= new TlsCertificates(this.opts.tls);
    const server = tls.createServer(this.certificates.serverOptions(), (s) => this.adoptSocket(s, 'tls'));
    server.on('connection', (raw: net.Socket) => this.admitConnection(raw));
    // with a listener here node leaves the socket open: a failed or timed-out handshake must close it
    server.on('tlsClientError', (err, s) => {
      this.opts.logger.debug({ err, address: s.remoteAddress }, 'tls handshake failed');
      s.destroy();
    });
    return server;
  }

  /**
   * Reads every certificate file again (SIGHUP). New handshakes get the new certificates,
   * connections already up are left as they are. Throws, keeping the old ones, if a file is bad.
   */
  reloadCertificates(): void {
    if (!this.certificates) return;
    const defaults = this.certificates.reload();
    for (const t of this.tcpServers) if (t.server instanceof tls.Server) t.server.setSecureContext(defaults);
  }

  /** Linux silently caps SO_RCVBUF at net.core.rmem_max (and reports twice what it grants). */
  private checkRecvBuffer(socket: dgram.Socket, requested: number): void {
    const granted = socket.getRecvBufferSize();
    const usable = process.platform === 'linux' ? granted / 2 : granted;
    if (usable < requested) {
      this.opts.logger.warn(
        { requested, granted: usable },
        'udp receive buffer smaller than SIP_UDP_RECV_BUFFER_BYTES: raise net.core.rmem_max to at least that value',
      );
    }
  }

  private makeEndpoint(transport: TransportName, family: 4 | 6, bind: string, port: number): LocalEndpoint {
    let adv = this.opts.advertisedAddress;
    if (!adv) adv = bind === '0.0.0.0' ? '127.0.0.1' : bind === '::' ? '::1' : bind;
    const ep: LocalEndpoint = { transport, family, bindAddress: bind, advertisedHost: hostForUri(adv), port };
    this.endpoints.push(ep);
    return ep;
  }

  /** The local endpoint used to reach a destination (for Via / Contact / Record-Route). */
  endpointFor(transport: TransportName, address: string): LocalEndpoint | undefined {
    const fam = familyOf(address);
    return (
      this.endpoints.find((e) => e.transport === transport && e.family === fam) ??
      this.endpoints.find((e) => e.transport === transport)
    );
  }

  /** Endpoint a message arrived on (for Record-Route on the inbound side). */
  endpointAt(transport: TransportName, localPort: number, localAddress: string): LocalEndpoint | undefined {
    return (
      this.endpoints.find((e) => e.transport === transport && e.port === localPort && e.bindAddress === localAddress) ??
      this.endpoints.find((e) => e.transport === transport && e.port === localPort) ??
      this.endpoints.find((e) => e.transport === transport)
    );
  }

  supports(transport: TransportName): boolean {
    return this.endpoints.some((e) => e.transport === transport);
  }

  /** drachtio's "hostport" string: comma-separated transport/address:port. */
  hostports(): string {
    return this.endpoints.map((e) => `${e.transport}/${e.advertisedHost}:${e.port}`).join(',');
  }

  isLocal(host: string, port: number | undefined): boolean {
    const h = host.startsWith('[') ? host.slice(1, -1) : host;
    return this.endpoints.some(
      (e) =>
        (e.port === (port ?? 5060)) &&
        (e.advertisedHost.replace(/^\[|\]$/g, '') === h || e.bindAddress === h),
    );
  }

  /**
   * False when a request to `dest` cannot be sent: TLS goes only over a connection the peer
   * opened (a phone registered over TLS listens on no port we could connect to), and that
   * connection has gone.
   */
  canReach(dest: Destination): boolean {
    return dest.transport !== 'tls' || !!this.liveConnection(dest);
  }

  private liveConnection(dest: Destination): TcpConn | undefined {
    const byKey = dest.connectionKey ? this.conns.get(dest.connectionKey) : undefined;
    if (byKey && !byKey.socket.destroyed) return byKey;
    const byAddress = this.conns.get(connectionKey(dest.transport, dest.address, dest.port));
    return byAddress && !byAddress.socket.destroyed ? byAddress : undefined;
  }

  /**
   * RFC 5923: a request whose Via has `alias` lets us send requests for its sent-by over the
   * connection it came in on.
   */
  addAlias(connKey: string, transport: TransportName, host: string, port: number): void {
    const conn = this.conns.get(connKey);
    if (!conn || conn.transport !== transport) return;
    const alias = connectionKey(transport, host, port);
    if (alias === connKey) return;
    this.conns.set(alias, conn);
    conn.socket.once('close', () => {
      if (this.conns.get(alias) === conn) this.conns.delete(alias);
    });
  }

  send(dest: Destination, data: string | Buffer): void {
    // timers of lingering transactions may still fire after close(); a closed dgram socket throws
    if (this.closed) return;
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (dest.transport === 'udp') {
      const fam = familyOf(dest.address);
      const entry = this.udp.find((u) => u.ep.family === fam);
      if (!entry) {
        this.opts.logger.warn({ dest }, 'no udp socket for address family');
        return;
      }
      entry.socket.send(buf, dest.port, dest.address, (err) => {
        if (err) this.opts.logger.debug({ err, dest }, 'udp send failed');
      });
      return;
    }
    let conn = this.liveConnection(dest);
    if (!conn && dest.transport === 'tls') {
      this.opts.logger.debug({ dest }, 'no tls connection to destination: not sent');
      return;
    }
    conn ??= this.connect(dest.address, dest.port);
    const c = conn;
    c.ready.then(
      () => {
        if (!c.socket.destroyed) c.socket.write(buf);
      },
      (err: unknown) => this.opts.logger.debug({ err, dest }, 'tcp connect failed'),
    );
  }

  private connect(address: string, port: number): TcpConn {
    const socket = net.connect({ host: address, port });
    return this.adoptSocket(socket, 'tcp', connectionKey('tcp', address, port));
  }

  /**
   * An inbound connection, unless its address already holds its share: one address must
   * not be able to tie up the server's sockets and buffers (thousands of connections each
   * holding a half-sent message).
   */
  private admitConnection(socket: net.Socket): boolean {
    const address = socket.remoteAddress;
    if (!address) {
      socket.destroy();
      return false;
    }
    const max = this.opts.tcpMaxConnectionsPerSource;
    const held = this.inboundPerSource.get(address) ?? 0;
    if (max > 0 && held >= max) {
      this.stats.refusedConnections++;
      this.opts.logger.debug({ address, held }, 'refusing tcp connection: per-source limit reached');
      socket.destroy();
      return false;
    }
    this.inboundPerSource.set(address, held + 1);
    socket.once('close', () => {
      const n = (this.inboundPerSource.get(address) ?? 1) - 1;
      if (n > 0) this.inboundPerSource.set(address, n);
      else this.inboundPerSource.delete(address);
    });
    return true;
  }

  private adoptSocket(socket: net.Socket, transport: 'tcp' | 'tls', outboundKey?: string): TcpConn {
    socket.setNoDelay(true);
    const framer = new TcpFramer(this.opts.maxMessageSize);
    let key = outboundKey ?? connectionKey(transport, socket.remoteAddress ?? '', socket.remotePort ?? 0);
    const ready = outboundKey
      ? new Promise<void>((resolve, reject) => {
          socket.once('connect', () => resolve());
          socket.once('error', reject);
        })
      : Promise.resolve();
    ready.catch(() => undefined);
    const conn: TcpConn = { transport, socket, key, ready };
    this.conns.set(key, conn);
    socket.setTimeout(this.opts.tcpIdleTimeoutMs, () => socket.destroy());
    // The idle timeout is for a connection that carries nothing (phones keep theirs open for
    // calls to them); a message that has begun must complete far sooner, or a peer could hold
    // a buffer per connection by sending a few bytes now and then.
    let messageTimer: NodeJS.Timeout | undefined;
    const messageTimedOut = () => {
      this.stats.messageTimeouts++;
      this.opts.logger.info({ key, buffered: framer.buffered }, 'closing tcp connection: message incomplete after SIP_TCP_MESSAGE_TIMEOUT_MS');
      socket.destroy();
    };
    socket.on('error', (err) => this.opts.logger.debug({ err, key }, 'tcp connection error'));
    socket.on('close', () => {
      clearTimeout(messageTimer);
      if (this.conns.get(key) === conn) this.conns.delete(key);
    });
    socket.on('data', (chunk) => {
      let msgs: Buffer[];
      try {
        msgs = framer.push(chunk);
      } catch (err) {
        if (err instanceof FramingError) this.opts.logger.info({ key, reason: err.message }, 'closing tcp connection');
        socket.destroy();
        return;
      }
      // the clock runs from a message's first byte: restarted when a new message begins,
      // never by more bytes of the same one
      if (!framer.buffered) {
        clearTimeout(messageTimer);
        messageTimer = undefined;
      } else if (!messageTimer || msgs.length) {
        clearTimeout(messageTimer);
        if (this.opts.tcpMessageTimeoutMs > 0) messageTimer = setTimeout(messageTimedOut, this.opts.tcpMessageTimeoutMs);
      }
      // RFC 5626 §4.4.1: a CRLFCRLF ping is answered with a CRLF pong
      if (framer.takePings()) socket.write('\r\n');
      const remoteAddress = socket.remoteAddress;
      if (!remoteAddress) return;
      for (const data of msgs) {
        if (!this.opts.admit(remoteAddress)) {
          this.stats.refusedMessages++;
          continue;
        }
        this.opts.onPacket({
          data,
          transport,
          remoteAddress,
          remotePort: socket.remotePort ?? 0,
          localAddress: socket.localAddress ?? '',
          localPort: socket.localPort ?? 0,
          connectionKey: key,
        });
      }
    });
    if (outboundKey) {
      socket.once('connect', () => {
        // also index by the real remote address so replies on this connection are found
        const real = connectionKey('tcp', socket.remoteAddress ?? '', socket.remotePort ?? 0);
        if (real !== key && !this.conns.has(real)) this.conns.set(real, conn);
        key = outboundKey;
      });
    }
    return conn;
  }

  /** Stops taking new TCP connections (a draining server); the open ones, and UDP, go on. */
  async stopAccepting(): Promise<void> {
    await Promise.all(this.tcpServers.map((t) => new Promise<void>((r) => t.server.close(() => r()))));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const c of this.conns.values()) c.socket.destroy();
    this.conns.clear();
    await Promise.all([
      ...this.udp.map((u) => new Promise<void>((r) => u.socket.close(() => r()))),
      ...this.tcpServers.map((t) => new Promise<void>((r) => t.server.close(() => r()))),
    ]);
  }
}
