import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ACCOUNTS_CONFIG, type AccountsConfig } from '../accounts.config';
import { CheckBudgetThresholds } from './usecases/check-budget-thresholds';

/**
 * Runs the budget check every BUDGET_CHECK_SECONDS (0: never; the tests
 * call the check themselves). A plain interval: @nestjs/schedule is not a
 * dependency, and one timer needs no more. A run still going when the next
 * is due makes that one skip.
 */
@Injectable()
export class BudgetCheckJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BudgetCheckJob.name);
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly check: CheckBudgetThresholds,
    @Inject(ACCOUNTS_CONFIG) private readonly config: AccountsConfig,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.BUDGET_CHECK_SECONDS;
    if (seconds === 0) return;
    this.timer = setInterval(() => void this.tick(), seconds * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.check.run();
    } catch (e) {
      this.logger.error(`Budget check failed: ${(e as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
