/** @jest-environment node */
import { readFileSync } from 'node:fs';
import { accountsOpenApiDocument, renderApiTypes, SCHEMA_FILE } from '../testing/api-types';

describe('the console API types', () => {
  it('are what openapi-typescript makes of the current accounts document (run npm run console:api-types when this fails)', async () => {
    const fresh = await renderApiTypes(await accountsOpenApiDocument());
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(fresh);
  }, 60_000);
});
