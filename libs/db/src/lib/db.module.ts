import { DynamicModule, Global, Module } from '@nestjs/common';
import { PrismaService } from './prisma.service';
import { SqlPool } from './sql-pool';
import { TransactionRunner } from './transaction-runner';

@Global()
@Module({})
export class DbModule {
  static forRoot(options: { databaseUrl: string }): DynamicModule {
    return {
      module: DbModule,
      providers: [
        { provide: PrismaService, useFactory: () => new PrismaService(options.databaseUrl) },
        { provide: SqlPool, useFactory: () => new SqlPool(options.databaseUrl) },
        TransactionRunner,
      ],
      exports: [PrismaService, SqlPool, TransactionRunner],
    };
  }
}
