// Component and unit tests run in jsdom; the browser tests (*.int-spec.ts)
// declare `@jest-environment node` and drive a real Chromium instead.
module.exports = {
  displayName: 'console',
  preset: '../../jest.preset.js',
  testEnvironment: 'jsdom',
  testMatch: ['**/?(*.)+(spec|int-spec).ts?(x)'],
  transform: {
    '^(?!.*\\.(js|jsx|ts|tsx|css|json)$)': '@nx/react/plugins/jest',
    '^.+\\.[tj]sx?$': ['babel-jest', { presets: ['@nx/react/babel'] }],
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx'],
  coverageDirectory: '../../coverage/apps/console',
};
