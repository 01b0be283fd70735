import { loadAccountsConfig } from '../app/accounts.config';
import { buildOpenApi, createAccountsApp } from '../app/create-app';

/**
 * Writes accounts' OpenAPI document (exactly what /docs/openapi.json serves) to
 * stdout without listening: the console generates its API types from it. The
 * app is created but never initialised, so nothing connects to Postgres or
 * Redis; the URLs below only have to pass config validation.
 */
async function main(): Promise<void> {
  const config = loadAccountsConfig({
    DATABASE_URL: 'postgresql://openapi@127.0.0.1:1/openapi',
    REDIS_URL: 'redis://127.0.0.1:1',
    JWT_SECRET: 'openapi-document-only-0123456789abcdef',
    SECRETS_KEY: 'openapi-document-only-0123456789abcdef',
    LOG_LEVEL: 'silent',
    CONSOLE_DIR: '',
  });
  const app = await createAccountsApp(config, { logger: false });
  process.stdout.write(`${JSON.stringify(buildOpenApi(app), null, 2)}\n`);
  await app.close();
}

void main();
