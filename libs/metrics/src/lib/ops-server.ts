import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { checkReadiness, type ReadinessCheck } from './readiness';

export interface OpsServerOptions {
  registry: Registry;
  /** What readiness depends on, by name (postgres, redis, drachtio...). */
  checks: Record<string, ReadinessCheck>;
  /** How long each readiness check may take. */
  checkTimeoutMs: number;
  host: string;
  /** 0 picks a free port (tests); an app that turns the listener off does not create one. */
  port: number;
}

/**
 * The small HTTP listener of a process that has no HTTP API of its own (the
 * SIP apps): `/metrics` (Prometheus text), `/health/live` (the process
 * answers) and `/health/ready` (200 when every check is up, else 503 naming
 * the ones down). Plain node:http: a framework would cost more than it does.
 */
export class OpsServer {
  private readonly server: Server;

  constructor(private readonly o: OpsServerOptions) {
    this.server = createServer((req, res) => void this.answer(req, res));
  }

  /** Listens; rejects when the port cannot be had (a misconfigured or doubled process must not start half-seen). */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.o.port, this.o.host, () => {
        this.server.off('error', reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  /** As a Nest provider: listening from module init, before the app attaches to anything. */
  async onModuleInit(): Promise<void> {
    await this.listen();
  }

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  close(): Promise<void> {
    if (!this.server.listening) return Promise.resolve();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method Not Allowed\n');
    try {
      switch ((req.url ?? '').split('?')[0]) {
        case '/metrics':
          return send(res, 200, this.o.registry.contentType, await this.o.registry.metrics());
        case '/health/live':
          return send(res, 200, JSON_TYPE, JSON.stringify({ status: 'ok' }));
        case '/health/ready': {
          const report = await checkReadiness(this.o.checks, this.o.checkTimeoutMs);
          return send(res, report.status === 'ok' ? 200 : 503, JSON_TYPE, JSON.stringify(report));
        }
        default:
          return send(res, 404, 'text/plain', 'Not Found\n');
      }
    } catch (e) {
      send(res, 500, 'text/plain', `${e instanceof Error ? e.message : String(e)}\n`);
    }
  }
}

const JSON_TYPE = 'application/json; charset=utf-8';

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/** The ops listener settings of `opsEnvShape`, as a SIP app's config holds them. */
export interface OpsSettings {
  METRICS_PORT: number;
  METRICS_HOST: string;
  READINESS_TIMEOUT_MS: number;
}

/**
 * The ops listener of a SIP app (registrar, routing, conference): ready when
 * its Postgres, its Redis and every drachtio server it is configured with are
 * up, and while `accepting()` (false once it drains for a restart).
 */
export function sipAppOpsServer(
  config: OpsSettings,
  o: { registry: Registry; postgres: ReadinessCheck; redis: ReadinessCheck; drachtioConnected: () => boolean; accepting?: () => boolean },
): OpsServer {
  const checks: Record<string, ReadinessCheck> = { postgres: o.postgres, redis: o.redis, drachtio: o.drachtioConnected };
  const accepting = o.accepting;
  if (accepting) {
    checks['accepting'] = () => {
      if (!accepting()) throw new Error('draining');
    };
  }
  return new OpsServer({ registry: o.registry, checks, checkTimeoutMs: config.READINESS_TIMEOUT_MS, host: config.METRICS_HOST, port: config.METRICS_PORT });
}
