export * from './lib/dial-pattern';
export * from './lib/class-of-service';
export * from './lib/numbering-plan';
export * from './lib/normalise';
export * from './lib/route-selection';
