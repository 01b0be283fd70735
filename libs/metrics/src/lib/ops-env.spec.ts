import { z } from 'zod';
import { ConfigError, loadConfig } from '@branchline/config';
import { opsEnvShape } from './ops-env';

describe('opsEnvShape', () => {
  const schema = z.object(opsEnvShape(9101));

  it('defaults to the app port on loopback', () => {
    expect(loadConfig(schema, {})).toEqual({ METRICS_PORT: 9101, METRICS_HOST: '127.0.0.1', READINESS_TIMEOUT_MS: 1000 });
  });

  it('takes 0 (listener off), a host and a timeout', () => {
    expect(loadConfig(schema, { METRICS_PORT: '0', METRICS_HOST: '0.0.0.0', READINESS_TIMEOUT_MS: '250' })).toEqual({
      METRICS_PORT: 0,
      METRICS_HOST: '0.0.0.0',
      READINESS_TIMEOUT_MS: 250,
    });
  });

  it('names a malformed port', () => {
    expect(() => loadConfig(schema, { METRICS_PORT: 'x' })).toThrow(ConfigError);
    expect(() => loadConfig(schema, { METRICS_PORT: '70000' })).toThrow('METRICS_PORT:');
  });
});
