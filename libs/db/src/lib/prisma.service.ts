import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';

/**
 * Builds the pg pool settings for a Prisma-style URL. `?schema=x` selects a
 * Postgres schema (tests give each file its own); it is applied both as
 * Prisma's schema name and as the connection's search_path.
 */
export function pgOptionsFromUrl(databaseUrl: string): { pool: { connectionString: string; options?: string; max?: number }; schema?: string } {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get('schema') ?? undefined;
  const max = url.searchParams.get('connection_limit');
  url.searchParams.delete('schema');
  url.searchParams.delete('connection_limit');
  return {
    pool: {
      connectionString: url.toString(),
      ...(schema ? { options: `-c search_path="${schema}"` } : {}),
      ...(max ? { max: Number(max) } : {}),
    },
    schema,
  };
}

function adapterFor(databaseUrl: string): PrismaPg {
  const { pool, schema } = pgOptionsFromUrl(databaseUrl);
  return new PrismaPg(pool, schema ? { schema } : undefined);
}

export function createPrismaClient(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: adapterFor(databaseUrl) });
}

/** The one Prisma client of a Nest app; repositories are its only users. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(databaseUrl: string) {
    super({ adapter: adapterFor(databaseUrl) });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
