import { TimedOut, checkReadiness, postgresCheck, redisCheck, withTimeout } from './readiness';

describe('checkReadiness', () => {
  it('is ok when every check resolves', async () => {
    const report = await checkReadiness({ postgres: async () => 1, drachtio: () => true }, 100);
    expect(report).toEqual({ status: 'ok', checks: { postgres: { status: 'up' }, drachtio: { status: 'up' } } });
  });

  it.each([
    ['rejects', () => Promise.reject(new Error('ECONNREFUSED 127.0.0.1:5432')), 'ECONNREFUSED 127.0.0.1:5432'],
    ['throws', () => {
      throw new Error('boom');
    }, 'boom'],
    ['answers false', () => false, 'not connected'],
    ['never answers', () => new Promise(() => undefined), 'no answer within 50 ms'],
  ])('names the check that %s and is unavailable', async (_how, failing, error) => {
    const report = await checkReadiness({ redis: async () => 'PONG', postgres: failing }, 50);
    expect(report).toEqual({ status: 'unavailable', checks: { redis: { status: 'up' }, postgres: { status: 'down', error } } });
  });

  it('runs the checks at once, so the answer takes one timeout, not their sum', async () => {
    const slow = () => new Promise(() => undefined);
    const started = Date.now();
    await checkReadiness({ a: slow, b: slow, c: slow }, 100);
    expect(Date.now() - started).toBeLessThan(250);
  });

  it('queries Postgres with SELECT 1 and pings Redis', async () => {
    const sent: string[] = [];
    await postgresCheck({ query: async (sql) => sent.push(sql) })();
    await redisCheck({ ping: async () => sent.push('PING') })();
    expect(sent).toEqual(['SELECT 1', 'PING']);
  });
});

describe('withTimeout', () => {
  it('passes the value of work that settles in time', async () => {
    await expect(withTimeout(Promise.resolve(7), 50)).resolves.toBe(7);
  });

  it('rejects with TimedOut when the work is late', async () => {
    await expect(withTimeout(new Promise(() => undefined), 20)).rejects.toBeInstanceOf(TimedOut);
  });
});
