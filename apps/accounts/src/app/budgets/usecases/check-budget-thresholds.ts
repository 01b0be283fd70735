import { Injectable, Logger } from '@nestjs/common';
import { Events, type BudgetThresholdCrossedData } from '@branchline/contracts';
import { monthOf, monthsAround, previousMonth } from '@branchline/reports';
import type { Principal } from '../../auth/principal';
import { MutationService } from '../../audit/mutation.service';
import type { Scope } from '../../common/scope';
import type { BudgetStatus } from '../budget.dto';
import { BudgetRepository } from '../budget.repository';
import { monthDate } from '../budget-month';
import { BudgetStatusReport } from './budget-status';

const CHECK_ACTOR = { type: 'SYSTEM', id: null, label: 'budget-check' } as const;

/**
 * The periodic budget check: for every tenant, each budget of the month now
 * running in its zone (and of the month before, whose last calls may still
 * be written after midnight) is compared with its spend, and each threshold
 * reached for the first time is recorded and published as
 * budget.threshold_crossed. The crossing row (primary key budget, threshold)
 * and its audit entry commit together, so the event goes out once however
 * many replicas run the check at the same moment, and never gets lost (the
 * audit entry is the outbox).
 */
@Injectable()
export class CheckBudgetThresholds {
  private readonly logger = new Logger(CheckBudgetThresholds.name);

  constructor(
    private readonly budgets: BudgetRepository,
    private readonly status: BudgetStatusReport,
    private readonly mutations: MutationService,
  ) {}

  /** One pass over every tenant; answers how many crossings this call published. */
  async run(now = new Date()): Promise<number> {
    const months = monthsAround(now).flatMap((m) => [m, previousMonth(m)]);
    const candidates = [...new Set(months)].map(monthDate);
    let published = 0;
    for (const tenantId of await this.budgets.tenantsWithBudgets(candidates)) {
      try {
        published += await this.checkTenant({ tenantId, siteIds: null }, candidates, now);
      } catch (e) {
        this.logger.error(`Budget check of tenant ${tenantId} failed: ${(e as Error).message}`);
      }
    }
    return published;
  }

  private async checkTenant(scope: Scope, candidates: Date[], now: Date): Promise<number> {
    const statuses = await this.status.of(scope, await this.budgets.ofMonths(scope, candidates));
    let published = 0;
    for (const s of statuses) {
      const current = monthOf(now, s.timeZone);
      if (s.month !== current && s.month !== previousMonth(current)) continue;
      for (const threshold of s.thresholdsCrossed) {
        if (await this.recordCrossing(scope, s, threshold)) published++;
      }
    }
    return published;
  }

  private recordCrossing(scope: Scope, s: BudgetStatus, threshold: number): Promise<boolean> {
    const principal: Principal = { tenantId: scope.tenantId, role: 'ADMIN', siteIds: null, actor: CHECK_ACTOR };
    const data: BudgetThresholdCrossedData = {
      budgetId: s.id,
      siteId: s.siteId,
      costCentre: s.costCentre,
      month: s.month,
      threshold,
      amount: s.amount,
      spent: s.spent,
      currency: s.currency,
      percentUsed: s.percentUsed,
    };
    return this.mutations.run({ principal }, async (tx) => {
      const first = await this.budgets.recordCrossing(tx, scope, s.id, threshold, s.spent);
      if (first) this.logger.log(`Budget ${s.id} (${s.siteId ?? s.costCentre}, ${s.month}) crossed ${threshold} %: ${s.spent} of ${s.amount} ${s.currency}`);
      return {
        result: first,
        changes: first ? [{ action: Events.BudgetThresholdCrossed, entityType: 'budget', entityId: s.id, before: null, after: data }] : [],
      };
    });
  }
}
