import type Redis from 'ioredis';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { CallDirection, CallDisposition } from '@branchline/contracts';
import { createServiceRegistry, labelChildren, scrapedGauge } from '@branchline/metrics';
import type { RoutingKeys } from '../routing-keys';

const DIRECTIONS: readonly CallDirection[] = ['INTERNAL', 'OUTBOUND', 'INBOUND', 'EMERGENCY'];
const DISPOSITIONS: readonly CallDisposition[] = ['ANSWERED', 'BUSY', 'NO_ANSWER', 'FAILED', 'CANCELLED', 'REFUSED'];

/** How one CDR write ended: the `result` label of the CDR write latency. */
export type CdrWriteResult = 'written' | 'duplicate' | 'spooled' | 'rejected';
const CDR_WRITE_RESULTS: readonly CdrWriteResult[] = ['written', 'duplicate', 'spooled', 'rejected'];

type Inc = { inc(): void };
type Observe = { observe(value: number): void };

/** Observes, at most once, how long a call waited for the first 18x or 2xx from its far end. */
export type FirstAnswer = () => void;

/**
 * Routing's metrics. Labels are bounded: directions and dispositions (enums),
 * gateway names and ids (a tenant has a few), write results. Never a Call-ID
 * or a number. Label children are resolved once; gateway children on a
 * gateway's first attempt in this process.
 */
export class RoutingMetrics {
  readonly calls: Readonly<Record<CallDirection, Readonly<Record<CallDisposition, Inc>>>>;
  readonly activeCalls: Gauge;
  readonly cdrWriteSeconds: Readonly<Record<CdrWriteResult, Observe>>;
  private readonly postDialDelay: Histogram;
  private readonly attempts: Counter;
  private readonly failovers: Counter;
  private readonly gateways = new Map<string, { attempt: Inc; failover: Inc }>();

  constructor(readonly registry: Registry, redis: Redis, keys: RoutingKeys, scrapeTimeoutMs: number) {
    const registers = [registry];
    const calls = new Counter({ name: 'branchline_routing_calls_total', help: 'Calls ended (their CDR written or spooled), by direction and disposition', labelNames: ['direction', 'disposition'], registers });
    this.calls = labelChildren(DIRECTIONS, (dir) => labelChildren(DISPOSITIONS, (disp) => calls.labels(dir, disp)));
    this.activeCalls = new Gauge({ name: 'branchline_routing_active_calls', help: 'Calls this replica is handling now (ringing or up)', registers });
    this.postDialDelay = new Histogram({
      name: 'branchline_routing_post_dial_delay_seconds',
      help: 'From the INVITE reaching routing to the first 18x or 2xx from the callee or the gateway',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 8, 13, 20],
      registers,
    });
    this.attempts = new Counter({ name: 'branchline_routing_gateway_attempts_total', help: 'INVITEs sent to a PSTN gateway, by gateway', labelNames: ['gateway', 'gateway_id'], registers });
    this.failovers = new Counter({ name: 'branchline_routing_gateway_failovers_total', help: 'Gateway attempts that failed over to the next gateway (5xx, timeout, refused credentials), by gateway', labelNames: ['gateway', 'gateway_id'], registers });
    const writes = new Histogram({
      name: 'branchline_routing_cdr_write_seconds',
      help: 'Time to write one CDR to Postgres (or to the spool when Postgres fails), by result',
      labelNames: ['result'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.cdrWriteSeconds = labelChildren(CDR_WRITE_RESULTS, (r) => writes.labels(r));
    scrapedGauge({ name: 'branchline_routing_cdr_spool_depth', help: 'CDRs waiting in the Redis spool for Postgres (shared by every replica)', registry, read: () => redis.xlen(keys.cdrSpool()), timeoutMs: scrapeTimeoutMs });
    scrapedGauge({ name: 'branchline_routing_cdr_rejected', help: 'CDRs Postgres refused for their data, kept for an operator (shared by every replica)', registry, read: () => redis.xlen(keys.cdrRejected()), timeoutMs: scrapeTimeoutMs });
  }

  static create(redis: Redis, keys: RoutingKeys, scrapeTimeoutMs: number): RoutingMetrics {
    return new RoutingMetrics(createServiceRegistry('routing'), redis, keys, scrapeTimeoutMs);
  }

  /** The post-dial delay of a call that reached routing at `startedAtMs`, observed on its first call. */
  firstAnswer(startedAtMs: number): FirstAnswer {
    let heard = false;
    return () => {
      if (heard) return;
      heard = true;
      this.postDialDelay.observe((Date.now() - startedAtMs) / 1000);
    };
  }

  gatewayAttempted(gateway: { id: string; name: string }): void {
    this.gateway(gateway).attempt.inc();
  }

  gatewayFailedOver(gateway: { id: string; name: string }): void {
    this.gateway(gateway).failover.inc();
  }

  private gateway(g: { id: string; name: string }): { attempt: Inc; failover: Inc } {
    // by id and name: a renamed gateway's new series starts at once
    const key = `${g.id} ${g.name}`;
    let children = this.gateways.get(key);
    if (!children) {
      children = { attempt: this.attempts.labels(g.name, g.id), failover: this.failovers.labels(g.name, g.id) };
      this.gateways.set(key, children);
    }
    return children;
  }
}
