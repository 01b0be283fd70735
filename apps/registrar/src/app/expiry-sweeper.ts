import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { LocationStore } from '@branchline/location';
import { CredentialRepository } from './credential.repository';
import { RegistrationEvents } from './registration-events';
import { LOGGER } from './tokens';

/** Announces bindings that expired, once across all replicas. */
@Injectable()
export class ExpirySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly location: LocationStore,
    private readonly credentials: CredentialRepository,
    private readonly events: RegistrationEvents,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(now = Date.now()): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const expired = await this.location.sweepExpired(now);
      for (const e of expired) {
        const ids = await this.credentials.extensionIds(e.tenantId, [e.user]);
        await this.events.expired(e, ids.get(e.user) ?? '');
      }
      return expired.length;
    } catch (err) {
      this.logger.warn({ err }, 'expiry sweep failed');
      return 0;
    } finally {
      this.running = false;
    }
  }
}
