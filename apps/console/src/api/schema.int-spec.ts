/** @jest-environment node */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../../../..');

describe('the console API types', () => {
  it('are what openapi-typescript makes of the current accounts document (run npm run console:api-types when this fails)', async () => {
    // The generator runs as its own process: openapi-typescript loads ES modules that jest's CommonJS runtime cannot.
    const { stdout } = await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', resolve(ROOT, 'apps/console/scripts/api-types.ts'), '--stdout'], {
      cwd: ROOT,
      env: { ...process.env, SWC_NODE_PROJECT: resolve(ROOT, 'tsconfig.base.json') },
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(readFileSync(resolve(ROOT, 'apps/console/src/api/schema.d.ts'), 'utf8')).toBe(stdout);
  }, 90_000);
});
