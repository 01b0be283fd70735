export * from './lib/request-bus.server';
export * from './lib/request-bus.client';
export * from './lib/publish-event';
