import { createZodDto as createNestZodDto, type ZodDto } from 'nestjs-zod';

/** nestjs-zod marks a property whose `type` is not one string; its cleanup then drops the empty `type`. */
const EMPTY_TYPE_KEY = 'x-nestjs_zod-empty-type';

type Schema = Record<string, unknown>;

/**
 * zod writes JSON Schema 2020-12, where `type` may list several types
 * (`["string", "null"]` for a nullable string, `["string", "number"]` for a
 * union) and null is a type of its own. @nestjs/swagger reads an array
 * `type` as "array of", so money fields came out as "array of string".
 * OpenAPI 3.0 says the same with `anyOf` and `nullable: true`, which it
 * allows only next to a `type`: a nullable union is nullable in each branch.
 */
export function toOpenApi30(schema: Schema): Schema {
  let s: Schema = { ...schema };
  let nullable = false;
  if (Array.isArray(s['anyOf']) && (s['anyOf'] as Schema[]).some((b) => b['type'] === 'null')) {
    nullable = true;
    const branches = (s['anyOf'] as Schema[]).filter((b) => b['type'] !== 'null');
    delete s['anyOf'];
    s = branches.length === 1 ? { ...s, ...branches[0] } : { ...s, anyOf: branches };
  }
  if (Array.isArray(s['type'])) {
    const types = (s['type'] as string[]).filter((t) => t !== 'null');
    nullable ||= types.length < (s['type'] as string[]).length;
    delete s['type'];
    s = types.length === 1 ? { ...s, type: types[0] } : { ...s, anyOf: types.map((type) => ({ type })) };
  }
  for (const key of ['properties', '$defs', 'x-nestjs_zod-$defs']) {
    const map = s[key];
    if (map && typeof map === 'object') {
      s[key] = Object.fromEntries(
        Object.entries(map as Record<string, Schema>).map(([k, v]) => [k, toOpenApi30(v)]),
      );
    }
  }
  for (const key of ['items', 'additionalProperties', 'not']) {
    const sub = s[key];
    if (sub && typeof sub === 'object' && !Array.isArray(sub)) s[key] = toOpenApi30(sub as Schema);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) {
    if (Array.isArray(s[key])) s[key] = (s[key] as Schema[]).map(toOpenApi30);
  }
  if (nullable) {
    if (Array.isArray(s['anyOf']))
      s['anyOf'] = (s['anyOf'] as Schema[]).map((b) => ({ ...b, nullable: true }));
    else s['nullable'] = true;
  }
  return s;
}

/** The property records nestjs-zod hands @nestjs/swagger, made OpenAPI 3.0. */
function fixProperties(properties: unknown): unknown {
  if (!properties || typeof properties !== 'object') return properties;
  return Object.fromEntries(
    Object.entries(properties as Record<string, Schema>).map(([name, prop]) => {
      const copy = { ...prop };
      if (copy[EMPTY_TYPE_KEY] && copy['type'] === '') delete copy['type'];
      const fixed = toOpenApi30(copy);
      if (typeof fixed['type'] === 'string') delete fixed[EMPTY_TYPE_KEY];
      else fixed['type'] = '';
      return [name, fixed];
    }),
  );
}

/**
 * Every DTO of this app is made here (not with nestjs-zod's createZodDto
 * directly, which lint forbids), so the OpenAPI document cannot get the
 * 2020-12 `type` lists again.
 */
export function createZodDto<TSchema extends Parameters<typeof createNestZodDto>[0]>(
  schema: TSchema,
): ZodDto<TSchema, false> {
  const Base = createNestZodDto(schema);
  const baseFactory = Base._OPENAPI_METADATA_FACTORY.bind(Base);
  const outputOf = Object.getOwnPropertyDescriptor(Base, 'Output')?.get;
  Object.defineProperty(Base, '_OPENAPI_METADATA_FACTORY', { value: () => fixProperties(baseFactory()) });
  if (outputOf) {
    Object.defineProperty(Base, 'Output', {
      get() {
        const Output = outputOf.call(this) as ZodDto;
        const outputFactory = Output._OPENAPI_METADATA_FACTORY.bind(Output);
        Object.defineProperty(Output, '_OPENAPI_METADATA_FACTORY', {
          value: () => fixProperties(outputFactory()),
        });
        return Output;
      },
    });
  }
  return Base;
}
