import { toOpenApi30 } from './zod-dto';

describe('toOpenApi30', () => {
  it.each([
    ['a nullable string', { type: ['string', 'null'] }, { type: 'string', nullable: true }],
    [
      'a string-or-number',
      { type: ['string', 'number'] },
      { anyOf: [{ type: 'string' }, { type: 'number' }] },
    ],
    [
      'a nullable string-or-number',
      { type: ['string', 'number', 'null'] },
      {
        anyOf: [
          { type: 'string', nullable: true },
          { type: 'number', nullable: true },
        ],
      },
    ],
    [
      'a described nullable union',
      { anyOf: [{ description: 'money', type: ['string', 'number'] }, { type: 'null' }] },
      {
        description: 'money',
        anyOf: [
          { type: 'string', nullable: true },
          { type: 'number', nullable: true },
        ],
      },
    ],
    [
      'a nullable object',
      { anyOf: [{ type: 'object', properties: {} }, { type: 'null' }] },
      { type: 'object', properties: {}, nullable: true },
    ],
    [
      'nested properties and items',
      { type: 'object', properties: { list: { type: 'array', items: { type: ['string', 'null'] } } } },
      { type: 'object', properties: { list: { type: 'array', items: { type: 'string', nullable: true } } } },
    ],
    [
      'a plain string, untouched',
      { type: 'string', pattern: '^\\d+$' },
      { type: 'string', pattern: '^\\d+$' },
    ],
  ])('writes %s in OpenAPI 3.0', (_what, input, output) => {
    expect(toOpenApi30(input)).toEqual(output);
  });
});
