export * from './lib/test-database';
export * from './lib/wait-for';
export * from './lib/redis-events';
