import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Ctx, CurrentPrincipal, type Principal } from '../auth/principal';
import { Permission } from '../auth/permissions';
import type { MutationContext } from '../audit/mutation.service';
import { IdParam } from '../common/id-param';
import {
  BudgetDto,
  BudgetListQuery,
  BudgetPageDto,
  BudgetStatusListDto,
  BudgetStatusQuery,
  CreateBudgetDto,
  UpdateBudgetDto,
} from './budget.dto';
import { BudgetService } from './budget.service';
import { BudgetStatusReport } from './usecases/budget-status';

@ApiTags('budgets')
@ApiBearerAuth()
@Controller('budgets')
export class BudgetController {
  constructor(
    private readonly budgets: BudgetService,
    private readonly status: BudgetStatusReport,
  ) {}

  @Get()
  @Allow(Permission.BudgetsRead)
  @ApiOperation({ summary: 'List monthly budgets of sites and cost centres (a SITE_ADMIN sees its sites’ only)' })
  @ApiOkResponse({ type: BudgetPageDto })
  list(@CurrentPrincipal() p: Principal, @Query() q: BudgetListQuery) {
    return this.budgets.list(p, q);
  }

  @Get('status')
  @Allow(Permission.BudgetsRead)
  @ApiOperation({
    summary: 'Budget vs actual: each budget of a month with what its calls cost so far',
    description:
      'spent is the exact sum of the month’s CDR costs in the budget’s currency, counted like the reports (a site’s month in its ' +
      'time zone, a cost centre’s in the tenant’s reporting zone); percentUsed is rounded to two decimals, thresholdsCrossed compares exactly.',
  })
  @ApiOkResponse({ type: BudgetStatusListDto })
  statusOf(@CurrentPrincipal() p: Principal, @Query() q: BudgetStatusQuery) {
    return this.status.forMonth(p, q.month);
  }

  @Get(':id')
  @Allow(Permission.BudgetsRead)
  @ApiOkResponse({ type: BudgetDto })
  get(@CurrentPrincipal() p: Principal, @Param() { id }: IdParam) {
    return this.budgets.get(p, id);
  }

  @Post()
  @Allow(Permission.BudgetsWrite)
  @ApiOperation({ summary: 'Create a budget for one month of one site or one cost centre, in the tenant’s currency' })
  @ApiCreatedResponse({ type: BudgetDto })
  create(@Ctx() ctx: MutationContext, @Body() body: CreateBudgetDto) {
    return this.budgets.create(ctx, body);
  }

  @Patch(':id')
  @Allow(Permission.BudgetsWrite)
  @ApiOperation({ summary: 'Change a budget’s amount, thresholds or hard limit (a changed amount or thresholds may be crossed again)' })
  @ApiOkResponse({ type: BudgetDto })
  update(@Ctx() ctx: MutationContext, @Param() { id }: IdParam, @Body() body: UpdateBudgetDto) {
    return this.budgets.update(ctx, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Allow(Permission.BudgetsWrite)
  @ApiNoContentResponse({ description: 'Done; no body' })
  remove(@Ctx() ctx: MutationContext, @Param() { id }: IdParam) {
    return this.budgets.remove(ctx, id);
  }
}
