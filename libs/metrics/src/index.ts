export * from './lib/service-registry';
export * from './lib/readiness';
export * from './lib/ops-server';
export * from './lib/ops-env';
export * from './lib/scraped-gauge';
export * from './lib/label-children';
