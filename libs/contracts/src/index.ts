export * from './lib/message-names';
export * from './lib/entity-event';
