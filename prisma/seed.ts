/**
 * Idempotent demo data (see libs/db/src/lib/demo-seed.ts):  npm run db:seed
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPrismaClient, demoCarrierFile } from '../libs/db/src';
import { seedDemo } from '../libs/db/src/lib/demo-seed';

async function main(): Promise<void> {
  const prisma = createPrismaClient(process.env['DATABASE_URL'] ?? 'postgresql://root@127.0.0.1:5432/branchline');
  try {
    const r = await seedDemo(prisma, process.env['SECRETS_KEY'] ?? 'dev-secrets-key-change-me-0123456789abcdef');
    process.stdout.write(`seed: tenant acme.example ready (${r.sites} sites, ${r.extensions} extensions)\n`);
    // telco-b's invoice for the demo calls of last month, two mismatches planted, for finance to reconcile
    const carrier = demoCarrierFile(new Date());
    const dir = join(__dirname, '..', 'tmp', 'demo');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `telco-b-${carrier.month}.csv`);
    writeFileSync(file, carrier.csv);
    process.stdout.write(`seed: telco-b's carrier file for ${carrier.month}: ${file}\n`);
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((e) => {
  process.stderr.write(`seed failed: ${(e as Error).stack}\n`);
  process.exit(1);
});
