import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { CdrWriter } from './billing/cdr-writer';
import { InviteHandler } from './invite/invite.handler';
import { ROUTING_CONFIG, type RoutingConfig } from './routing.config';
import { SrfConnections } from './srf-connections';
import { LOGGER } from './tokens';

/** How often a draining replica looks whether its last call has ended. */
const CHECK_MS = 200;

/**
 * A rolling restart that loses no call: the SIP servers send new INVITEs to
 * the other replicas, the calls this replica holds (their dialogs live here)
 * go on until they end or ROUTING_DRAIN_TIMEOUT_SECONDS, and CDRs spooled
 * while Postgres was away are written, all before anything is closed. A call
 * still up at the timeout is billed by the other replicas' reaper
 * (billing/live-calls.ts) once this one has gone.
 */
@Injectable()
export class RoutingDrain {
  private begun = false;

  constructor(
    @Inject(ROUTING_CONFIG) private readonly config: RoutingConfig,
    private readonly srf: SrfConnections,
    private readonly invites: InviteHandler,
    private readonly cdrs: CdrWriter,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Whether the drain has begun (readiness then says 503: this replica takes no new calls). */
  get started(): boolean {
    return this.begun;
  }

  async drain(): Promise<'drained' | 'timed-out'> {
    this.begun = true;
    this.srf.stopTakingCalls();
    this.logger.info({ calls: this.invites.inProgress, timeoutSeconds: this.config.ROUTING_DRAIN_TIMEOUT_SECONDS }, 'draining: new calls go to the other replicas');
    const deadline = Date.now() + this.config.ROUTING_DRAIN_TIMEOUT_SECONDS * 1000;
    let outcome: 'drained' | 'timed-out' = 'drained';
    while (this.invites.inProgress > 0) {
      if (Date.now() >= deadline) {
        outcome = 'timed-out';
        break;
      }
      await new Promise((r) => setTimeout(r, Math.min(CHECK_MS, deadline - Date.now())));
    }
    const spooled = await this.cdrs.drain();
    this.logger.info({ outcome, callsLeft: this.invites.inProgress, spooledCdrsWritten: spooled }, 'drained');
    return outcome;
  }
}
