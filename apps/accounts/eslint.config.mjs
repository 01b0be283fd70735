import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    files: ['**/*.ts'],
    ignores: ['src/app/common/zod-dto.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'nestjs-zod',
              importNames: ['createZodDto'],
              message:
                "Use createZodDto from common/zod-dto: it writes OpenAPI 3.0 types (nestjs-zod's writes money as 'array of string').",
            },
          ],
        },
      ],
    },
  },
];
