import { ConfigError, usePlainProcessEnv } from '@branchline/config';
import { createRegistrar } from './app/create-registrar';
import { loadRegistrarConfig } from './app/registrar.config';

async function main(): Promise<void> {
  // the SIP parser reads the environment per header line: a plain copy makes that a property read
  usePlainProcessEnv();
  let config;
  try {
    config = loadRegistrarConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`registrar: ${e.message}\n`);
      process.exit(78);
    }
    throw e;
  }
  const app = await createRegistrar(config);
  app.enableShutdownHooks();
}

void main();
