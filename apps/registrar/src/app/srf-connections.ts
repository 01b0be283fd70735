import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import { DrachtioConnections } from '@branchline/sip';
import { RegisterHandler } from './register.handler';
import { coalesceWrites } from './write-coalescer';
import { REGISTRAR_CONFIG, type RegistrarConfig } from './registrar.config';
import { LOGGER } from './tokens';

/** Attaches to every configured drachtio server and hands REGISTERs to the handler. */
@Injectable()
export class SrfConnections implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly connections: DrachtioConnections;

  constructor(
    @Inject(REGISTRAR_CONFIG) config: RegistrarConfig,
    private readonly handler: RegisterHandler,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.connections = new DrachtioConnections({ servers: config.DRACHTIO_SERVERS, secret: config.DRACHTIO_SECRET, logger });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.connections.connect((srf) =>
      srf.use('register', (req, res) => {
        // Responses released together (by one Redis reply) go to the drachtio server in one write.
        // (drachtio-srf's Request carries the socket it came on; its typings leave it out)
        const socket = (req as unknown as { socket?: Socket }).socket;
        if (socket) coalesceWrites(socket);
        void this.handler.handle(req, res);
      }),
    );
  }

  onApplicationShutdown(): void {
    this.connections.close();
  }
}
