import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { refusedByPostgres } from '@branchline/db';
import type { CallEvents } from '../call-events';
import type { CdrRecord } from './cdr-pricing';
import type { CdrRepository } from '../data/cdr.repository';
import type { RoutingKeys } from '../routing-keys';
import type { CdrWriteResult, RoutingMetrics } from '../metrics/routing-metrics';

/**
 * Writes each CDR exactly once and then announces it. When Postgres cannot
 * take a CDR, it goes to a Redis stream (durable with Redis persistence) and
 * is written from there once Postgres is back; the insert is idempotent by
 * Call-ID, so replicas draining the same spool never write twice. A CDR that
 * Postgres refuses for its data (a bad row, not an outage: see
 * refusedByPostgres) goes to a stream of rejected CDRs for an operator
 * instead of being retried forever.
 */
export class CdrWriter implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private draining = false;

  constructor(
    private readonly repo: CdrRepository,
    private readonly redis: Redis,
    private readonly keys: RoutingKeys,
    private readonly events: CallEvents,
    private readonly logger: Logger,
    private readonly retryMs: number,
    private readonly metrics: RoutingMetrics,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.drain(), this.retryMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /**
   * Writes the CDR (or spools or rejects it) and counts its call, once: a CDR the call already had
   * (a reaper wrote it) counts nothing, and one neither Postgres nor the spool took counts when
   * it is written again.
   */
  async write(cdr: CdrRecord): Promise<void> {
    const startedAt = performance.now();
    const done = (result: CdrWriteResult) => {
      this.metrics.cdrWriteSeconds[result].observe((performance.now() - startedAt) / 1000);
      if (result !== 'duplicate') this.metrics.calls[cdr.direction][cdr.disposition].inc();
    };
    let inserted: boolean;
    try {
      inserted = await this.repo.insertOnce(cdr);
    } catch (e) {
      if (refusedByPostgres(e)) {
        await this.reject(cdr, e);
        return done('rejected');
      }
      this.logger.warn({ err: e, callId: cdr.callId }, 'CDR not written; spooled until Postgres is back');
      await this.redis.xadd(this.keys.cdrSpool(), '*', 'cdr', JSON.stringify(cdr));
      return done('spooled');
    }
    done(inserted ? 'written' : 'duplicate');
    if (inserted) await this.events.ended(cdr);
  }

  /** Writes spooled CDRs in order until the spool is empty or Postgres fails again. Returns how many left the spool. */
  async drain(): Promise<number> {
    if (this.draining) return 0;
    this.draining = true;
    let done = 0;
    try {
      for (;;) {
        const entries = await this.redis.xrange(this.keys.cdrSpool(), '-', '+', 'COUNT', 100);
        if (!entries.length) return done;
        for (const [id, fields] of entries) {
          const cdr = JSON.parse(fields[fields.indexOf('cdr') + 1]) as CdrRecord;
          let inserted: boolean;
          try {
            inserted = await this.repo.insertOnce(cdr);
          } catch (e) {
            // not written for now (an outage): leave it, and everything behind it, for the next round
            if (!refusedByPostgres(e)) throw e;
            await this.reject(cdr, e);
            inserted = false;
          }
          await this.redis.xdel(this.keys.cdrSpool(), id);
          done++;
          if (inserted) await this.events.ended(cdr);
        }
      }
    } catch (e) {
      this.logger.warn({ err: e }, 'spooled CDRs not written yet');
      return done;
    } finally {
      this.draining = false;
    }
  }

  /** Keeps a CDR Postgres refused while up, with why, in the rejected stream. */
  private async reject(cdr: CdrRecord, err: unknown): Promise<void> {
    const reason = err instanceof Error ? err.message.slice(0, 500) : String(err);
    this.logger.error({ err, callId: cdr.callId }, 'Postgres refused a CDR; kept in the rejected-CDR stream');
    await this.redis.xadd(this.keys.cdrRejected(), '*', 'cdr', JSON.stringify(cdr), 'reason', reason);
  }
}
