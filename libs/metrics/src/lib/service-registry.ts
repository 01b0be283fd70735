import { Registry, collectDefaultMetrics } from 'prom-client';

/**
 * A service's own metrics registry: every series carries `service`, and the
 * Node process metrics (event-loop lag, GC, heap, CPU, file descriptors) are
 * in it. One per app instance rather than prom-client's global registry, so
 * tests that run several apps, or restart one, in one process never collide
 * on a metric name.
 */
export function createServiceRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}
