import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';

/**
 * npm run console:api-types: writes apps/console/src/api/schema.d.ts from
 * accounts' OpenAPI document, built by accounts' own code without a server
 * (apps/accounts/src/openapi/print-openapi.ts). With --stdout it prints the
 * declarations instead (schema.int-spec.ts compares them with the file).
 */
const ROOT = resolve(__dirname, '../../..');
const SCHEMA_FILE = resolve(ROOT, 'apps/console/src/api/schema.d.ts');

const HEADER = `/**
 * Generated from accounts' OpenAPI document by \`npm run console:api-types\`
 * (openapi-typescript): do not edit by hand. schema.int-spec.ts fails when this
 * file no longer matches the document.
 */

`;

async function accountsOpenApiDocument(): Promise<Record<string, unknown>> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['-r', '@swc-node/register', resolve(ROOT, 'apps/accounts/src/openapi/print-openapi.ts')],
    { cwd: ROOT, env: { ...process.env, SWC_NODE_PROJECT: resolve(ROOT, 'tsconfig.base.json') }, maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as Record<string, unknown>;
}

async function main(): Promise<void> {
  // openapi-typescript's own document type is stricter than JSON.parse's answer.
  const ast = await openapiTS((await accountsOpenApiDocument()) as unknown as Parameters<typeof openapiTS>[0]);
  const types = HEADER + astToString(ast);
  if (process.argv.includes('--stdout')) {
    process.stdout.write(types);
    return;
  }
  writeFileSync(SCHEMA_FILE, types);
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}

void main();
