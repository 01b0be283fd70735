import * as net from 'node:net';
import type { Logger } from 'pino';
import type { SipCore } from '../sip-core';
import { AppConnection, type AppRegistry } from './app-registry';
import { WireDecoder, WireFramingError, type WireMessage } from './wire-framing';

export interface WireServerOptions {
  host: string;
  port: number;
  secret: string;
  registry: AppRegistry;
  core: SipCore;
  logger: Logger;
  hostports: () => string;
  maxFrameBytes: number;
}

/** Version string reported on authenticate; >= v0.8.2 lets drachtio-srf enable pings. */
export const SERVER_VERSION = 'v0.9.2-branchline';

/** The drachtio wire-protocol listener that drachtio-srf apps connect to. */
export class WireServer {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();

  constructor(private readonly o: WireServerOptions) {}

  async start(): Promise<number> {
    const server = net.createServer((s) => this.onConnection(s));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.o.port, this.o.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return (server.address() as net.AddressInfo).port;
  }

  private onConnection(socket: net.Socket): void {
    socket.setNoDelay(true);
    socket.setKeepAlive(true);
    this.sockets.add(socket);
    const app = new AppConnection(socket);
    const decoder = new WireDecoder(this.o.maxFrameBytes);
    const log = this.o.logger.child({ app: app.label });
    log.debug('app connected');
    socket.on('data', (chunk) => {
      let msgs: WireMessage[];
      try {
        msgs = decoder.push(chunk);
      } catch (err) {
        if (err instanceof WireFramingError) log.warn({ reason: err.message }, 'bad wire framing; closing');
        socket.destroy();
        return;
      }
      for (const m of msgs) {
        try {
          this.onMessage(app, m, log);
        } catch (err) {
          log.warn({ err, verb: m.verb }, 'error handling app message');
          this.o.core.nok(app, m.msgId, 'internal error');
        }
      }
    });
    socket.on('error', (err) => log.debug({ err }, 'app socket error'));
    socket.on('close', () => {
      this.sockets.delete(socket);
      app.closed = true;
      if (app.authenticated) {
        this.o.registry.remove(app);
        this.o.core.onAppGone(app);
      }
      log.debug('app disconnected');
    });
  }

  private onMessage(app: AppConnection, m: WireMessage, log: Logger): void {
    if (log.isLevelEnabled('trace')) log.trace({ verb: m.verb, args: m.args, body: m.body }, 'wire message from app');
    if (!app.authenticated) {
      if (m.verb !== 'authenticate') {
        log.warn({ verb: m.verb }, 'message before authenticate; closing');
        app.socket.destroy();
        return;
      }
      if (m.args[0] !== this.o.secret) {
        log.warn('app failed to authenticate');
        app.send(['response', m.msgId, 'NOK', 'incorrect secret']);
        app.end();
        return;
      }
      app.authenticated = true;
      app.tags = (m.args[1] ?? '').split(',').filter((t) => t);
      this.o.registry.add(app);
      const hp = this.o.hostports();
      app.send(['response', m.msgId, 'OK', hp, SERVER_VERSION, hp]);
      return;
    }
    switch (m.verb) {
      case 'route':
        this.o.registry.route(app, m.args[0] ?? '');
        app.send(['response', m.msgId, 'OK']);
        return;
      case 'remove_route':
        this.o.registry.removeRoute(app, m.args[0] ?? '');
        app.send(['response', m.msgId, 'OK']);
        return;
      case 'ping':
        app.send(['response', m.msgId, 'OK']);
        return;
      case 'sip':
        this.o.core.handleAppSip(app, m.msgId, m.args, m.body).catch((err: unknown) => {
          log.warn({ err }, 'error handling app sip message');
          this.o.core.nok(app, m.msgId, 'internal error');
        });
        return;
      case 'proxy':
        this.o.core.handleAppProxy(app, m.msgId, m.args, m.body);
        return;
      default:
        app.send(['response', m.msgId, 'NOK', `unknown verb ${m.verb}`]);
    }
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
