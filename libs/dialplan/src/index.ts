export * from './lib/dial-pattern';
