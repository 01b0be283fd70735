import { Module } from '@nestjs/common';
import { CdrsModule } from '../cdrs/cdrs.module';
import { ReportsModule } from '../reports/reports.module';
import { BudgetCheckJob } from './budget-check.job';
import { BudgetController } from './budget.controller';
import { BudgetRepository } from './budget.repository';
import { BudgetService } from './budget.service';
import { BudgetStatusReport } from './usecases/budget-status';
import { CheckBudgetThresholds } from './usecases/check-budget-thresholds';

@Module({
  imports: [CdrsModule, ReportsModule],
  controllers: [BudgetController],
  providers: [BudgetService, BudgetRepository, BudgetStatusReport, CheckBudgetThresholds, BudgetCheckJob],
})
export class BudgetsModule {}
