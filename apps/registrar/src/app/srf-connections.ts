import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Socket } from 'node:net';
import Srf from 'drachtio-srf';
import type { Logger } from 'pino';
import { RegisterHandler } from './register.handler';
import { coalesceWrites } from './write-coalescer';
import { REGISTRAR_CONFIG, type RegistrarConfig } from './registrar.config';
import { LOGGER } from './tokens';

/** Attaches to every configured drachtio server and hands REGISTERs to the handler. */
@Injectable()
export class SrfConnections implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly srfs: Srf[] = [];

  constructor(
    @Inject(REGISTRAR_CONFIG) private readonly config: RegistrarConfig,
    private readonly handler: RegisterHandler,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const hostport of this.config.DRACHTIO_SERVERS.split(',').map((s) => s.trim())) {
      const [host, port] = hostport.split(':');
      const srf = new Srf();
      srf.use('register', (req, res) => {
        // Responses released together (by one Redis reply) go to the drachtio server in one write.
        // (drachtio-srf's Request carries the socket it came on; its typings leave it out)
        const socket = (req as unknown as { socket?: Socket }).socket;
        if (socket) coalesceWrites(socket);
        void this.handler.handle(req, res);
      });
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
