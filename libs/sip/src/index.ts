export * from './lib/sip-address';
export * from './lib/digest-challenge';
export * from './lib/sip-app-config';
export * from './lib/drachtio-connections';
export * from './lib/write-coalescing';
export * from './lib/request-chain';
export * from './lib/reason-phrases';
