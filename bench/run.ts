/**
 * `npm run bench`: builds the apps, then runs every bench/*.bench.ts (or the
 * ones named on the command line) one after another, each in its own process
 * so they do not compete for the two cores.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const only = process.argv.slice(2);
const benches = readdirSync(__dirname)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', SWC_NODE_PROJECT: 'tsconfig.base.json' };
execFileSync('npx', ['nx', 'run-many', '-t', 'build', '--output-style=static'], { stdio: 'inherit', env, cwd: join(__dirname, '..') });
let failed = 0;
for (const bench of benches) {
  process.stdout.write(`\n== ${bench}\n`);
  try {
    execFileSync(process.execPath, ['-r', '@swc-node/register', join(__dirname, bench)], { stdio: 'inherit', env });
  } catch {
    failed++;
  }
}
process.exit(failed ? 1 : 0);
