export * from './lib/binding';
export * from './lib/expiry';
export * from './lib/location-keys';
export * from './lib/location-store';
