import { Counter, type Registry } from 'prom-client';
import type { SipAuthBlockReason } from '@branchline/contracts';
import type { LocationStore } from '@branchline/location';
import { createServiceRegistry, labelChildren, scrapedGauge } from '@branchline/metrics';

/** How a REGISTER was answered: the `result` label of `branchline_registrar_registrations_total`. */
export type RegistrationResult =
  /** 200: bindings written, removed or listed. */
  | 'ok'
  /** 401: no (or stale) credentials: the first half of every registration. */
  | 'challenged'
  /** 403 for a wrong password, an unknown user or a disabled extension. */
  | 'refused'
  /** 403 (or silence) for a lockout. */
  | 'locked'
  /** 503: over RATE_LIMIT_PER_SOURCE. */
  | 'rate-limited'
  /** 404: a domain no tenant has. */
  | 'domain-not-served'
  /** 400 or 423: a malformed request or too short an interval. */
  | 'invalid'
  /** 500: an error (logged) or an out-of-order CSeq. */
  | 'error';

const RESULTS: readonly RegistrationResult[] = ['ok', 'challenged', 'refused', 'locked', 'rate-limited', 'domain-not-served', 'invalid', 'error'];
const BLOCK_REASONS: readonly SipAuthBlockReason[] = ['source-lockout', 'user-source-lockout', 'user-slowdown'];

type Child = { inc(): void };

/**
 * The registrar's metrics. The REGISTER path runs 2,000+ times a second, so
 * every label child is resolved here once and a request's update is one
 * `inc()`, with no label lookup and nothing awaited. Active bindings are
 * counted by Redis at scrape time (ZCOUNT over the location's expiry index:
 * O(log n), not a SCAN); every replica reports the same total.
 */
export class RegistrarMetrics {
  readonly registrations: Readonly<Record<RegistrationResult, Child>>;
  readonly lockouts: Readonly<Record<SipAuthBlockReason, Child>>;

  constructor(
    readonly registry: Registry,
    location: LocationStore,
    scrapeTimeoutMs: number,
  ) {
    const registrations = new Counter({
      name: 'branchline_registrar_registrations_total',
      help: 'REGISTER requests answered, by result (ok, challenged, refused, locked, rate-limited, domain-not-served, invalid, error)',
      labelNames: ['result'],
      registers: [registry],
    });
    this.registrations = labelChildren(RESULTS, (r) => registrations.labels(r));
    const lockouts = new Counter({
      name: 'branchline_registrar_lockouts_total',
      help: 'Lockouts and slow-downs this replica set or met, by reason; each lock counted at most once per replica and 30 s',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.lockouts = labelChildren(BLOCK_REASONS, (r) => lockouts.labels(r));
    scrapedGauge({
      name: 'branchline_registrar_active_bindings',
      help: 'Live location bindings of every tenant (all replicas share them: aggregate with max, not sum)',
      registry,
      read: () => location.countLive(),
      timeoutMs: scrapeTimeoutMs,
    });
  }

  static create(location: LocationStore, scrapeTimeoutMs: number): RegistrarMetrics {
    return new RegistrarMetrics(createServiceRegistry('registrar'), location, scrapeTimeoutMs);
  }
}
