import nx from '@nx/eslint-plugin';
import baseConfig from '../../eslint.config.mjs';

export default [
  ...nx.configs['flat/react'],
  ...baseConfig,
  {
    // The console runs in the browser and knows accounts only by its HTTP API;
    // only its tests may use the workspace's test helpers.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/**/*.spec.ts', 'src/**/*.spec.tsx', 'src/**/*.int-spec.ts', 'src/testing/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@branchline/*', 'node:*'], message: 'The console talks to accounts over /api/v1 only.' }] }],
    },
  },
];
