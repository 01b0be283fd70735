import { redisOptionsFromUrl } from './redis-options';

describe('redisOptionsFromUrl', () => {
  it.each([
    ['redis://127.0.0.1:6379', { host: '127.0.0.1', port: 6379 }],
    ['redis://localhost', { host: 'localhost', port: 6379 }],
    ['redis://user:p%40ss@10.0.0.1:6380/2', { host: '10.0.0.1', port: 6380, username: 'user', password: 'p@ss', db: 2 }],
    ['rediss://cache.example:6390', { host: 'cache.example', port: 6390, tls: {} }],
  ])('%s', (url, expected) => {
    expect(redisOptionsFromUrl(url)).toEqual(expected);
  });
});
