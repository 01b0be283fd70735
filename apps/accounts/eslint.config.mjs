import baseConfig from '../../eslint.config.mjs';

const zodDtoPath = {
  name: 'nestjs-zod',
  importNames: ['createZodDto'],
  message: "Use createZodDto from common/zod-dto: it writes OpenAPI 3.0 types (nestjs-zod's writes money as 'array of string').",
};

// common/ is what every feature builds on, so it imports nothing else of the
// app; code that needs auth/ or audit/ (like the CRUD base) lives beside it.
const commonStandsAlone = {
  regex: '^\\.\\./',
  message: 'common/ imports nothing from the rest of the app: put code that needs auth/, audit/ or a feature in a folder of its own (as crud/).',
};
const commonSources = ['src/app/common/**/*.ts'];
const commonTests = ['src/app/common/**/*.spec.ts', 'src/app/common/**/*.int-spec.ts'];

export default [
  ...baseConfig,
  {
    files: ['**/*.ts'],
    ignores: ['src/app/common/zod-dto.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [zodDtoPath] }] },
  },
  {
    // One rule entry per file set: a later no-restricted-imports replaces an earlier one.
    files: commonSources,
    ignores: [...commonTests, 'src/app/common/zod-dto.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [zodDtoPath], patterns: [commonStandsAlone] }] },
  },
  {
    files: ['src/app/common/zod-dto.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [commonStandsAlone] }] },
  },
];
