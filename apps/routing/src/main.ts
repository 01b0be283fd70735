import { ConfigError, usePlainProcessEnv } from '@branchline/config';
import { createRouting } from './app/create-routing';
import { loadRoutingConfig } from './app/routing.config';
import { RoutingDrain } from './app/routing-drain';

async function main(): Promise<void> {
  // the SIP parser reads the environment per header line: a plain copy makes that a property read
  usePlainProcessEnv();
  let config;
  try {
    config = loadRoutingConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`routing: ${e.message}\n`);
      process.exit(78);
    }
    throw e;
  }
  const app = await createRouting(config);
  // Not Nest's shutdown hooks: they close Postgres (onModuleDestroy) before anything else runs, and
  // the calls going on during the drain still write their CDRs there. The first SIGTERM/SIGINT
  // drains, then closes; a second one closes at once.
  let stopping = false;
  const stop = () => {
    const drain = !stopping;
    stopping = true;
    (drain ? app.get(RoutingDrain).drain() : Promise.resolve())
      .then(() => app.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
