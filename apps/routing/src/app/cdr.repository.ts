import { Prisma, type PrismaClient } from '@branchline/db';
import type { CdrRecord } from './call-record';

/** Routing owns `cdrs`; this is the only code that writes it. */
export class CdrRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Inserts the CDR unless its call already has one (`call_id` is unique), so
   * a retry after an outage never writes a second row. True when this call inserted it.
   */
  async insertOnce(cdr: CdrRecord): Promise<boolean> {
    const { count } = await this.prisma.cdr.createMany({
      data: [
        {
          ...cdr,
          startedAt: new Date(cdr.startedAt),
          answeredAt: cdr.answeredAt ? new Date(cdr.answeredAt) : null,
          endedAt: new Date(cdr.endedAt),
          cost: new Prisma.Decimal(cdr.cost),
          connectFee: cdr.connectFee == null ? null : new Prisma.Decimal(cdr.connectFee),
          pricePerMinute: cdr.pricePerMinute == null ? null : new Prisma.Decimal(cdr.pricePerMinute),
        },
      ],
      skipDuplicates: true,
    });
    return count === 1;
  }
}
