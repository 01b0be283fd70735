export * from './lib/digest';
export * from './lib/authorization-header';
export * from './lib/nonce';
export * from './lib/verify-digest';
