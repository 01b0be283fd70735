import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { migrationAdapterFactory } from './libs/db/src/lib/migrate-adapter';

// The JavaScript schema engine (engine: "js") lets every migrate command run
// offline: no native engine binary is downloaded.
const url = process.env.DATABASE_URL ?? 'postgresql://root@127.0.0.1:5432/branchline';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  adapter: async () => migrationAdapterFactory(url),
});
