export * from './lib/message-names';
export * from './lib/entity-event';
export * from './lib/registration';
export * from './lib/call';
export * from './lib/routing';
