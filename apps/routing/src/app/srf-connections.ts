import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { DrachtioConnections } from '@branchline/sip';
import { InviteHandler } from './invite/invite.handler';
import { ROUTING_CONFIG, type RoutingConfig } from './routing.config';
import { LOGGER } from './tokens';

/** Attaches to every configured drachtio server and hands its new INVITEs to the handler. */
@Injectable()
export class SrfConnections implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly connections: DrachtioConnections;

  constructor(
    @Inject(ROUTING_CONFIG) config: RoutingConfig,
    private readonly handler: InviteHandler,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.connections = new DrachtioConnections({ servers: config.DRACHTIO_SERVERS, secret: config.DRACHTIO_SECRET, logger });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.connections.connect((srf) => srf.invite((req, res) => void this.handler.handle(req, res, srf)));
  }

  /** New INVITEs go to the other routing replicas from now on; this one keeps its calls' dialogs. */
  stopTakingCalls(): void {
    this.connections.stopTaking('invite');
  }

  /** Whether every configured drachtio server has routing attached right now (readiness). */
  get connected(): boolean {
    return this.connections.connected;
  }

  onApplicationShutdown(): void {
    this.connections.close();
  }
}
