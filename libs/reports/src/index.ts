export * from './lib/report-input-error';
export * from './lib/local-date';
export * from './lib/period';
export * from './lib/group-by';
export * from './lib/report-money';
export * from './lib/comparison';
export * from './lib/calling-codes';
export * from './lib/budget';
