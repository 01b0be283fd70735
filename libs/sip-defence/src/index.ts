export * from './lib/lockout-policy';
export * from './lib/known-locks';
export * from './lib/sip-defence-keys';
export * from './lib/sip-defence';
export * from './lib/sip-defence.config';
