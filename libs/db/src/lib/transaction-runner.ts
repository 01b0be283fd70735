import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from './prisma.service';

/**
 * Lets services open a transaction without touching Prisma themselves: they
 * get an opaque `Tx` and hand it to repositories.
 */
@Injectable()
export class TransactionRunner {
  constructor(private readonly prisma: PrismaService) {}

  run<T>(fn: (tx: Prisma.TransactionClient) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
    return this.prisma.$transaction(fn, { timeout: options.timeoutMs ?? 10_000, maxWait: 5_000 });
  }
}
