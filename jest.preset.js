const nxPreset = require('@nx/jest/preset').default;

// Unit tests are *.spec.ts, tests against real Postgres/Redis/SIP are *.int-spec.ts.
module.exports = {
  ...nxPreset,
  testMatch: ['**/?(*.)+(spec|int-spec).ts'],
  testTimeout: 30000,
};
