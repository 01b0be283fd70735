import type { NextFunction, Request, Response } from 'express';
import { Histogram, type Registry } from 'prom-client';
import { createServiceRegistry } from '@branchline/metrics';

/** Requests that matched no route (404s, body-parser errors): one label value, never the raw URL. */
export const UNMATCHED_ROUTE = '(unmatched)';

/**
 * The accounts API's metrics: the Node process metrics and the request
 * duration by method, route template and status. The route is the template
 * Express matched (`/api/v1/sites/:id`), never the URL with its ids, so the
 * series stay as many as the API has routes.
 */
export class AccountsMetrics {
  readonly registry: Registry = createServiceRegistry('accounts');
  private readonly duration = new Histogram({
    name: 'branchline_http_request_duration_seconds',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  /** Express middleware, installed before everything else: each request is timed until its answer is sent. */
  middleware(): (req: Request, res: Response, next: NextFunction) => void {
    return (req, res, next) => {
      const started = performance.now();
      res.once('finish', () => {
        const route = req.route ? `${req.baseUrl}${String(req.route.path)}` : UNMATCHED_ROUTE;
        this.duration.observe({ method: req.method, route, status: String(res.statusCode) }, (performance.now() - started) / 1000);
      });
      next();
    };
  }
}
