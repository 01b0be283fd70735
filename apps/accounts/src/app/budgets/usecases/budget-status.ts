import { Injectable } from '@nestjs/common';
import { budgetUsage, monthOf, monthPeriod, parseGroupBy, ReportInputError, subtractAmounts, type ReportPeriod } from '@branchline/reports';
import { scopeOf, type Principal } from '../../auth/principal';
import { ValidationError } from '../../common/errors';
import { renderMoney } from '../../common/money';
import type { Scope } from '../../common/scope';
import { CdrRepository } from '../../cdrs/cdr.repository';
import { ReportRepository, type ReportFilter } from '../../reports/report.repository';
import type { BudgetStatus } from '../budget.dto';
import { BudgetRepository, type BudgetWithZone } from '../budget.repository';
import { budgetView } from '../budget.service';
import { monthDate, monthLabel } from '../budget-month';

/** Sites per tenant stay far below this; it only bounds the reports' row window. */
const MAX_GROUPS = 1_000_000;

/** Budgets counted by one summary: the same kind, month, zone and currency. */
interface SpendGroup {
  dimension: 'site' | 'costCentre';
  period: ReportPeriod;
  currency: string;
  budgets: BudgetWithZone[];
}

/**
 * Spend against budget: each budget's month summed by the reports' own
 * statement (ReportRepository.summarise over reportSource), so a budget's
 * "spent" is the figure a summary of that month, site or cost centre, and
 * currency shows. A site's month is its own zone's; a cost centre's is the
 * tenant's reporting zone (its calls come from several sites).
 */
@Injectable()
export class BudgetStatusReport {
  constructor(
    private readonly budgets: BudgetRepository,
    private readonly reports: ReportRepository,
    private readonly cdrs: CdrRepository,
  ) {}

  async forMonth(p: Principal, month?: string): Promise<{ month: string; data: BudgetStatus[] }> {
    const scope = scopeOf(p);
    const label = month ?? monthOf(new Date(), await this.cdrs.reportingTimeZone(scope));
    return { month: label, data: await this.of(scope, await this.budgets.ofMonths(scope, [monthDate(label)])) };
  }

  /** The status of these budgets (all of the scope's tenant), in their order. */
  async of(scope: Scope, budgets: BudgetWithZone[]): Promise<BudgetStatus[]> {
    const tenantZone = budgets.some((b) => !b.site) ? await this.cdrs.reportingTimeZone(scope) : 'UTC';
    const groups = new Map<string, SpendGroup>();
    for (const b of budgets) {
      const dimension = b.siteId ? 'site' : 'costCentre';
      const period = periodOf(monthLabel(b.month), b.site?.timeZone ?? tenantZone);
      const key = JSON.stringify([dimension, period.from, period.timeZone, b.currency]);
      const group = groups.get(key) ?? { dimension, period, currency: b.currency, budgets: [] };
      group.budgets.push(b);
      groups.set(key, group);
    }
    const spent = new Map<string, { spent: string; period: ReportPeriod }>();
    for (const g of groups.values()) {
      const costs = await this.groupCosts(scope, g);
      for (const b of g.budgets) spent.set(b.id, { spent: costs.get((b.siteId ?? b.costCentre) as string) ?? '0', period: g.period });
    }
    return budgets.map((b) => {
      const { spent: cost, period } = spent.get(b.id) as { spent: string; period: ReportPeriod };
      const usage = budgetUsage(b.amount.toFixed(), cost, b.thresholds);
      return {
        ...budgetView(b),
        createdAt: b.createdAt.toISOString(),
        updatedAt: b.updatedAt.toISOString(),
        timeZone: period.timeZone,
        periodStart: period.from,
        periodEnd: period.to,
        spent: usage.spent,
        remaining: renderMoney(subtractAmounts(b.amount.toFixed(), usage.spent)),
        percentUsed: usage.percentUsed,
        thresholdsCrossed: usage.crossed,
      };
    });
  }

  /** One summary per group: the month's cost per site (or cost centre) in the group's currency. */
  private async groupCosts(scope: Scope, g: SpendGroup): Promise<Map<string, string>> {
    const only = g.budgets.length === 1 ? g.budgets[0] : null;
    const filter: ReportFilter = { currency: g.currency };
    if (only && g.dimension === 'site') filter.siteId = only.siteId;
    if (only && g.dimension === 'costCentre') filter.costCentre = only.costCentre;
    const w = g.period;
    const [summary] = await this.reports.summarise(scope, parseGroupBy(g.dimension), [w], filter, MAX_GROUPS);
    const key = (r: { siteId?: string | null; costCentre?: string | null }) => (g.dimension === 'site' ? r.siteId : r.costCentre);
    return new Map(summary.rows.filter((r) => key(r)).map((r) => [key(r) as string, r.cost]));
  }
}

function periodOf(month: string, timeZone: string): ReportPeriod {
  try {
    return monthPeriod(month, timeZone);
  } catch (e) {
    if (e instanceof ReportInputError) throw ValidationError.field(e.field, e.reason);
    throw e;
  }
}
