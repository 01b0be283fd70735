import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import Srf from 'drachtio-srf';
import type { Logger } from 'pino';
import { InviteHandler } from './invite.handler';
import { ROUTING_CONFIG, type RoutingConfig } from './routing.config';
import { LOGGER } from './tokens';

/** Attaches to every configured drachtio server and hands its new INVITEs to the handler. */
@Injectable()
export class SrfConnections implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly srfs: Srf[] = [];

  constructor(
    @Inject(ROUTING_CONFIG) private readonly config: RoutingConfig,
    private readonly handler: InviteHandler,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const hostport of this.config.DRACHTIO_SERVERS.split(',').map((s) => s.trim())) {
      const [host, port] = hostport.split(':');
      const srf = new Srf();
      srf.invite((req, res) => void this.handler.handle(req, res, srf));
      srf.on('error', (err) => this.logger.warn({ err, hostport }, 'drachtio connection error; retrying'));
      srf.on('connect', (_err, hp) => this.logger.info({ hostport, sip: hp }, 'attached to drachtio server'));
      await srf.connect({ host, port: Number(port), secret: this.config.DRACHTIO_SECRET });
      this.srfs.push(srf);
    }
  }

  onApplicationShutdown(): void {
    for (const srf of this.srfs) srf.disconnect();
  }
}
