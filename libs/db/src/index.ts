export * from './lib/prisma.service';
export * from './lib/db.module';
export * from './lib/sql-pool';
export * from './lib/db-errors';
export * from './lib/transaction-runner';
export { migrationAdapterFactory } from './lib/migrate-adapter';
export { DEMO, seedDemo } from './lib/demo-seed';
export { demoCallsMonth, demoCarrierFile } from './lib/demo-calls';
export * from './generated/prisma/client';

import type { Prisma } from './generated/prisma/client';
/** An open transaction; services pass it through to repositories untouched. */
export type Tx = Prisma.TransactionClient;
