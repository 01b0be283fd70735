export * from './lib/money';
export * from './lib/rate-call';
export * from './lib/rate-table';
export * from './lib/least-cost';
