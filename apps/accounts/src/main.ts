import { ConfigError } from '@branchline/config';
import { loadAccountsConfig } from './app/accounts.config';
import { createAccountsApp } from './app/create-app';

async function main(): Promise<void> {
  let config;
  try {
    config = loadAccountsConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`accounts: ${e.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  const app = await createAccountsApp(config);
  await app.listen(config.PORT, config.HOST);
}

void main();
