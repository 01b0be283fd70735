import { z } from 'zod';
import { ConfigError, env, loadConfig } from './load-config';

const schema = z.object({
  DATABASE_URL: env.postgresUrl(),
  REDIS_URL: env.redisUrl(),
  JWT_SECRET: env.secret(32),
  PORT: env.port(3000),
});

describe('loadConfig', () => {
  const good = {
    DATABASE_URL: 'postgresql://root@127.0.0.1:5432/x',
    REDIS_URL: 'redis://127.0.0.1:6379',
    JWT_SECRET: 'x'.repeat(32),
  };

  it('returns typed values with defaults applied', () => {
    expect(loadConfig(schema, good)).toEqual({ ...good, PORT: 3000 });
  });

  it.each([
    ['DATABASE_URL', { ...good, DATABASE_URL: undefined }, 'DATABASE_URL: is required'],
    ['DATABASE_URL', { ...good, DATABASE_URL: 'mysql://x' }, 'DATABASE_URL: must be a postgres'],
    ['REDIS_URL', { ...good, REDIS_URL: 'not a url' }, 'REDIS_URL: must be a redis:// URL'],
    ['JWT_SECRET', { ...good, JWT_SECRET: 'short' }, 'JWT_SECRET: must be at least 32 characters'],
    ['PORT', { ...good, PORT: '70000' }, 'PORT:'],
  ])('names %s when it is missing or malformed', (_name, input, message) => {
    expect(() => loadConfig(schema, input)).toThrow(ConfigError);
    expect(() => loadConfig(schema, input)).toThrow(message);
  });

  it('never echoes a secret value in the error', () => {
    try {
      loadConfig(schema, { ...good, JWT_SECRET: 'hunter2' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect((e as Error).message).not.toContain('hunter2');
    }
  });
});
