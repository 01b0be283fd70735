export * from './lib/test-database';
export * from './lib/wait-for';
export * from './lib/redis-events';
export * from './lib/sipp';
export * from './lib/sip-server-process';
export * from './lib/registrar-process';
export * from './lib/routing-process';
export * from './lib/app-process';
