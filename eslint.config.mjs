import nx from '@nx/eslint-plugin';

// Module boundaries are the architecture, enforced: apps depend on libs, never on
// each other; pure domain libs (dialplan, rating, digest, media maths) import no
// framework, no I/O and no Prisma; only data libs talk to Postgres/Redis.
export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/generated/**', 'bench/results/**', '**/vite.config.*.timestamp*', 'test-output/**'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          // Config files may reach outside their project: the root eslint config, and
          // the webpack helper every app's webpack.config.js calls (tools/webpack).
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$', '^(\\.\\./)+tools/webpack/[\\w-]+$'],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data', 'type:domain', 'type:util'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:data', 'type:domain', 'type:util'] },
            { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:data', 'type:domain', 'type:util'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:domain'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:accounts', onlyDependOnLibsWithTags: ['scope:accounts', 'scope:shared'] },
            { sourceTag: 'scope:registrar', onlyDependOnLibsWithTags: ['scope:registrar', 'scope:sip', 'scope:shared'] },
            { sourceTag: 'scope:routing', onlyDependOnLibsWithTags: ['scope:routing', 'scope:sip', 'scope:shared'] },
            { sourceTag: 'scope:conference', onlyDependOnLibsWithTags: ['scope:conference', 'scope:sip', 'scope:shared'] },
            { sourceTag: 'scope:sip', onlyDependOnLibsWithTags: ['scope:sip', 'scope:shared'] },
            // The browser console talks to accounts over HTTP only: its tests may use the shared test helpers,
            // its own code no lib at all (apps/console/eslint.config.mjs).
            { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
    },
  },
  {
    // Pure domain code: no framework, no I/O (and the pure half of a data lib: the lockout policy).
    files: ['libs/dialplan/**/*.ts', 'libs/rating/**/*.ts', 'libs/reports/**/*.ts', 'libs/reconciliation/**/*.ts', 'libs/digest/**/*.ts', 'libs/sip-defence/src/lib/lockout-policy*.ts', 'libs/sip-defence/src/lib/known-locks*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*', '@prisma/*', 'ioredis', 'pg', 'drachtio-srf', 'node:net', 'node:dgram', 'node:fs', 'fs', 'net', 'dgram'], message: 'Domain libs stay pure: no framework or I/O imports.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
];
