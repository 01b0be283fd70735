import { ConfigError, usePlainProcessEnv } from '@branchline/config';
import { createRouting } from './app/create-routing';
import { loadRoutingConfig } from './app/routing.config';

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
  app.enableShutdownHooks();
}

void main();
