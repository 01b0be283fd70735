export * from './lib/carrier-number';
export * from './lib/carrier-fields';
export * from './lib/carrier-file';
export * from './lib/reconcile';
