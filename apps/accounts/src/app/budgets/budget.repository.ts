import { Injectable } from '@nestjs/common';
import { PrismaService, type Budget, type Prisma, type Tx } from '@branchline/db';
import { siteFilter, type Scope } from '../common/scope';
import type { CrudRepository } from '../crud/crud.service';
import type { PageRequest } from '../common/pagination';
import { monthDate } from './budget-month';

export interface BudgetFilter {
  /** "2026-12". */
  month?: string;
  siteId?: string;
  costCentre?: string;
}
type Data = Omit<Prisma.BudgetUncheckedCreateInput, 'tenantId'>;

/** A budget with the zone its month is counted in (a site's; null for a cost centre's). */
export type BudgetWithZone = Budget & { site: { timeZone: string } | null };
const WITH_ZONE = { site: { select: { timeZone: true } } } as const;

@Injectable()
export class BudgetRepository implements CrudRepository<Budget, Data, Prisma.BudgetUncheckedUpdateInput, BudgetFilter> {
  constructor(private readonly prisma: PrismaService) {}

  /** A SITE_ADMIN sees its sites' budgets only, never a cost centre's (which spans sites). */
  private where(scope: Scope): Prisma.BudgetWhereInput {
    return { tenantId: scope.tenantId, ...siteFilter(scope) };
  }

  list(scope: Scope, f: BudgetFilter, page: PageRequest): Promise<[Budget[], number]> {
    const where: Prisma.BudgetWhereInput = { ...this.where(scope), month: f.month ? monthDate(f.month) : undefined, ...(f.siteId ? { siteId: f.siteId } : {}), costCentre: f.costCentre };
    return Promise.all([
      this.prisma.budget.findMany({ where, skip: page.skip, take: page.take, orderBy: page.orderBy }),
      this.prisma.budget.count({ where }),
    ]);
  }

  find(scope: Scope, id: string, tx: Tx | PrismaService = this.prisma): Promise<Budget | null> {
    return tx.budget.findFirst({ where: { ...this.where(scope), id } });
  }

  create(tx: Tx, scope: Scope, data: Data): Promise<Budget> {
    return tx.budget.create({ data: { ...data, tenantId: scope.tenantId } });
  }

  update(tx: Tx, scope: Scope, id: string, data: Prisma.BudgetUncheckedUpdateInput): Promise<Budget> {
    return tx.budget.update({ where: { id, tenantId: scope.tenantId }, data });
  }

  async delete(tx: Tx, scope: Scope, id: string): Promise<void> {
    await tx.budget.delete({ where: { id, tenantId: scope.tenantId } });
  }

  /** Every budget of some months within the scope, with the zone each is counted in. */
  ofMonths(scope: Scope, months: Date[]): Promise<BudgetWithZone[]> {
    return this.prisma.budget.findMany({
      where: { ...this.where(scope), month: { in: months } },
      include: WITH_ZONE,
      orderBy: [{ month: 'asc' }, { siteId: 'asc' }, { costCentre: 'asc' }, { id: 'asc' }],
    });
  }

  /** The tenants that have budgets for any of these months (the threshold check runs per tenant). */
  async tenantsWithBudgets(months: Date[]): Promise<string[]> {
    const rows = await this.prisma.budget.findMany({ where: { month: { in: months } }, distinct: ['tenantId'], select: { tenantId: true } });
    return rows.map((r) => r.tenantId);
  }

  /**
   * Records that spending crossed a threshold; false when it was recorded
   * already (by an earlier run, or by another replica right now: the primary
   * key makes the second insert wait for the first and then do nothing).
   */
  async recordCrossing(tx: Tx, scope: Scope, budgetId: string, threshold: number, spent: string): Promise<boolean> {
    const owned = await tx.budget.count({ where: { id: budgetId, tenantId: scope.tenantId } });
    if (!owned) return false;
    const r = await tx.budgetThresholdCrossing.createMany({ data: [{ budgetId, threshold, spent }], skipDuplicates: true });
    return r.count === 1;
  }

  /** Forgets a budget's crossings (its amount changed: they were crossings of another amount). */
  async forgetCrossings(tx: Tx, scope: Scope, budgetId: string): Promise<void> {
    await tx.budgetThresholdCrossing.deleteMany({ where: { budgetId, budget: { tenantId: scope.tenantId } } });
  }

  /** The tenant's currency, which every budget is in. */
  async tenantCurrency(tx: Tx, tenantId: string): Promise<string> {
    const t = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { currency: true } });
    return t.currency;
  }
}
