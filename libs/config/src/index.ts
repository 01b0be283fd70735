export * from './lib/load-config';
export * from './lib/redis-options';
export * from './lib/plain-env';
