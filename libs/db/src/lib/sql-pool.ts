import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';
import { pgOptionsFromUrl } from './prisma.service';

/**
 * A plain `pg` pool on the same database (and `?schema=`) as the app's Prisma
 * client, for the few statements on a per-call hot path, where Prisma's own
 * work per query (its query compiler, argument and result mapping) costs more
 * than the statement itself. Everything else goes through Prisma. Statements
 * sent with a `name` are prepared once per connection. Connects lazily: an app
 * that never queries it opens no connection.
 */
@Injectable()
export class SqlPool extends Pool implements OnModuleDestroy {
  constructor(databaseUrl: string) {
    const { pool } = pgOptionsFromUrl(databaseUrl);
    super(pool);
    // An idle connection the server dropped (restart, failover) must not crash the process; the next query reconnects.
    this.on('error', () => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    await this.end();
  }
}
