/**
 * One dependency's check: resolves when the dependency is usable. A rejection,
 * `false`, or no answer within the timeout fail it.
 */
export type ReadinessCheck = () => Promise<unknown> | unknown;

export type CheckOutcome = { status: 'up' } | { status: 'down'; error: string };

export interface ReadinessReport {
  status: 'ok' | 'unavailable';
  checks: Record<string, CheckOutcome>;
}

/** Thrown by `withTimeout` when the work did not settle in time. */
export class TimedOut extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'TimedOut';
  }
}

/** Settles like `work`, or rejects with TimedOut after `ms`; the timer never keeps the process alive. */
export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut(ms)), ms);
    timer.unref();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<CheckOutcome> {
  try {
    const result = await withTimeout(Promise.resolve().then(check), timeoutMs);
    return result === false ? { status: 'down', error: 'not connected' } : { status: 'up' };
  } catch (e) {
    return { status: 'down', error: e instanceof Error ? e.message : String(e) };
  }
}

/** Runs every check at once; ready only when all are up. */
export async function checkReadiness(checks: Record<string, ReadinessCheck>, timeoutMs: number): Promise<ReadinessReport> {
  const names = Object.keys(checks);
  const outcomes = await Promise.all(names.map((n) => runCheck(checks[n], timeoutMs)));
  const report: ReadinessReport = { status: 'ok', checks: {} };
  names.forEach((n, i) => {
    report.checks[n] = outcomes[i];
    if (outcomes[i].status === 'down') report.status = 'unavailable';
  });
  return report;
}

/** Postgres is usable when a trivial query answers (through the app's own pool). */
export function postgresCheck(pool: { query(sql: string): Promise<unknown> }): ReadinessCheck {
  return () => pool.query('SELECT 1');
}

/** Redis is usable when it answers PING on the app's own connection. */
export function redisCheck(redis: { ping(): Promise<unknown> }): ReadinessCheck {
  return () => redis.ping();
}
