import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { DrachtioConnections, coalesceResponseWrites } from '@branchline/sip';
import { RegisterHandler } from './register.handler';
import { REGISTRAR_CONFIG, type RegistrarConfig } from './registrar.config';
import { LOGGER } from './tokens';

/** Attaches to every configured drachtio server and hands REGISTERs to the handler. */
@Injectable()
export class SrfConnections implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly connections: DrachtioConnections;
  private uncoalescedLogged = false;

  constructor(
    @Inject(REGISTRAR_CONFIG) config: RegistrarConfig,
    private readonly handler: RegisterHandler,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.connections = new DrachtioConnections({ servers: config.DRACHTIO_SERVERS, secret: config.DRACHTIO_SECRET, logger });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.connections.connect((srf) =>
      srf.use('register', (req, res) => {
        // Responses released together (by one Redis reply) go to the drachtio server in one write.
        if (!coalesceResponseWrites(req) && !this.uncoalescedLogged) {
          this.uncoalescedLogged = true;
          this.logger.warn('drachtio-srf no longer exposes the connection of a request: responses are written one by one');
        }
        void this.handler.handle(req, res);
      }),
    );
  }

  /** Whether every configured drachtio server has the registrar attached right now (readiness). */
  get connected(): boolean {
    return this.connections.connected;
  }

  onApplicationShutdown(): void {
    this.connections.close();
  }
}
