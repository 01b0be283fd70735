import baseConfig from '../../eslint.config.mjs';

// nx's flat/react preset needs eslint-plugin-import, -react, -react-hooks and
// -jsx-a11y, which are not installed; the TypeScript rules of the base config
// cover the .tsx files meanwhile (accessibility is checked in the browser with axe-core).
export default [
  ...baseConfig,
  {
    // The console runs in the browser and knows accounts only by its HTTP API;
    // its tests and build scripts may use Node and the workspace's test helpers.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/**/*.spec.ts', 'src/**/*.spec.tsx', 'src/**/*.int-spec.ts', 'src/e2e/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@branchline/*', 'node:*'], message: 'The console talks to accounts over /api/v1 only.' }] }],
    },
  },
];
