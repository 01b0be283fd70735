import { Injectable } from '@nestjs/common';
import { Events } from '@branchline/contracts';
import type { Budget, Prisma, Tx } from '@branchline/db';
import { scopeOf, type Principal } from '../auth/principal';
import { MutationService } from '../audit/mutation.service';
import { CrudService, type CrudSpec } from '../crud/crud.service';
import { ValidationError } from '../common/errors';
import { renderMoney } from '../common/money';
import { References } from '../common/references';
import { assertSiteWritable } from '../common/scope';
import type { CreateBudget, UpdateBudget } from './budget.dto';
import { BudgetRepository, type BudgetFilter } from './budget.repository';
import { monthDate, monthLabel } from './budget-month';

export interface BudgetView {
  id: string;
  tenantId: string;
  month: string;
  siteId: string | null;
  costCentre: string | null;
  amount: string;
  currency: string;
  thresholds: number[];
  hardLimit: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export function budgetView(b: Budget): BudgetView {
  return {
    id: b.id,
    tenantId: b.tenantId,
    month: monthLabel(b.month),
    siteId: b.siteId,
    costCentre: b.costCentre,
    amount: renderMoney(b.amount),
    currency: b.currency,
    thresholds: [...b.thresholds].sort((x, y) => x - y),
    hardLimit: b.hardLimit,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
  };
}

function sameSet(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/**
 * Monthly budgets of a site or a cost centre: FINANCE and ADMIN write them,
 * a SITE_ADMIN reads its sites' (services check the site, the repository
 * hides the rest). Audited and published like every resource.
 */
@Injectable()
export class BudgetService extends CrudService<
  Budget,
  CreateBudget,
  UpdateBudget,
  Omit<Prisma.BudgetUncheckedCreateInput, 'tenantId'>,
  Prisma.BudgetUncheckedUpdateInput,
  BudgetFilter,
  BudgetView
> {
  protected readonly spec: CrudSpec = {
    entity: 'budget',
    label: 'Budget',
    events: { created: Events.BudgetCreated, updated: Events.BudgetUpdated, deleted: Events.BudgetDeleted },
    defaultSort: [{ month: 'desc' }, { siteId: 'asc' }, { costCentre: 'asc' }],
  };

  constructor(
    private readonly budgets: BudgetRepository,
    mutations: MutationService,
    private readonly refs: References,
  ) {
    super(budgets, mutations);
  }

  protected override view(b: Budget): BudgetView {
    return budgetView(b);
  }

  protected async prepareCreate(tx: Tx, p: Principal, input: CreateBudget) {
    assertSiteWritable(scopeOf(p), input.siteId);
    await this.refs.mustExist(tx, p.tenantId, 'site', 'siteId', input.siteId);
    const currency = await this.budgets.tenantCurrency(tx, p.tenantId);
    if (input.currency !== undefined && input.currency !== currency) {
      throw ValidationError.field('currency', `must be the tenant's currency, ${currency}: budgets are compared with CDR costs in it`);
    }
    return {
      month: monthDate(input.month),
      siteId: input.siteId ?? null,
      costCentre: input.costCentre ?? null,
      amount: input.amount,
      currency,
      thresholds: input.thresholds,
      hardLimit: input.hardLimit,
    };
  }

  protected async prepareUpdate(tx: Tx, p: Principal, before: Budget, input: UpdateBudget) {
    assertSiteWritable(scopeOf(p), before.siteId);
    if (input.hardLimit && !before.siteId) throw ValidationError.field('hardLimit', 'only a site’s budget can stop calls');
    // Crossings of another amount or other thresholds say nothing about the new ones: the next check decides afresh.
    const amountChanged = input.amount !== undefined && renderMoney(input.amount) !== renderMoney(before.amount);
    const thresholdsChanged = input.thresholds !== undefined && !sameSet(input.thresholds, before.thresholds);
    if (amountChanged || thresholdsChanged) await this.budgets.forgetCrossings(tx, scopeOf(p), before.id);
    return input;
  }

  protected override async checkDelete(_tx: Tx, p: Principal, before: Budget) {
    assertSiteWritable(scopeOf(p), before.siteId);
  }
}
