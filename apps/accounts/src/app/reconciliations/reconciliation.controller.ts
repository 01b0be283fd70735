import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request } from 'express';
import { Allow, Ctx, CurrentPrincipal, type Principal } from '../auth/principal';
import { Permission } from '../auth/permissions';
import type { MutationContext } from '../audit/mutation.service';
import { ValidationError } from '../common/errors';
import { IdParam } from '../common/id-param';
import { answerFormat, MEDIA_TYPES, REPORT_MEDIA_TYPES } from '../reports/report-format';
import { ReconcileQuery, ReconciliationDto, ReconciliationListQuery, ReconciliationPageDto, ReconciliationRowPageDto, ReconciliationRowsQuery } from './reconciliation.dto';
import { ReconciliationService } from './reconciliation.service';
import { ReconcileCarrierFile } from './usecases/reconcile-carrier-file';

const WHO = 'FINANCE and ADMIN; SITE_ADMIN and VIEWER 403 (a gateway carries every site’s calls). ';

@ApiTags('reconciliations')
@ApiBearerAuth()
@ApiExtraModels(ReconciliationRowPageDto)
@Controller('reconciliations')
export class ReconciliationController {
  constructor(
    private readonly reconciliations: ReconciliationService,
    private readonly reconciler: ReconcileCarrierFile,
  ) {}

  @Post()
  @Allow(Permission.ReconciliationsWrite)
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'call_date,destination,billsec,amount,cdr_ref\n2026-11-03 09:15:02,4930123456,62,0.0155,c-1' } })
  @ApiOperation({
    summary: 'Reconcile a carrier’s CDR or invoice CSV with our calls through one gateway over a period, and keep the result',
    description:
      WHO +
      'The body is the carrier’s CSV (Content-Type: text/csv); the query says which column holds what (a header name, or a ' +
      '1-based column number) and how it is written. Our side: the answered outbound and emergency calls through the gateway, ' +
      'by answer time (carriers bill from the answer). A carrier row pairs with our call of the same number (carrier numbers ' +
      'are read as E.164 with or without +, with the international prefix, or national with the trunk prefix of the gateway’s ' +
      'site’s country) whose answer time is within startToleranceSec and duration within durationToleranceSec; one to one, ' +
      'closest start first, the same on every run. Rows: matched, price-difference (charge − cost beyond priceTolerance), ' +
      'ours-only, theirs-only; totals exact. The whole file is checked first: a mapping that does not fit is 422 naming the ' +
      'parameter (e.g. chargeColumn), bad cells are 422 naming each row and field ("row 3: charge"), rows starting outside the ' +
      'period (beyond the tolerance) are 422 too (a wrong period or timeZone); nothing is kept then. Limits: IMPORT_BODY_LIMIT, ' +
      'IMPORT_MAX_ROWS (413). Audited as reconciliation.created.',
  })
  @ApiCreatedResponse({ type: ReconciliationDto })
  create(@Ctx() ctx: MutationContext, @Query() q: ReconcileQuery, @Body() body: unknown) {
    if (typeof body !== 'string') throw ValidationError.field('(body)', 'must be CSV sent with Content-Type: text/csv');
    return this.reconciler.execute(ctx, q, body);
  }

  @Get()
  @Allow(Permission.ReconciliationsRead)
  @ApiOperation({ summary: 'Kept reconciliations, newest first', description: WHO })
  @ApiOkResponse({ type: ReconciliationPageDto })
  list(@CurrentPrincipal() p: Principal, @Query() q: ReconciliationListQuery) {
    return this.reconciliations.list(p, q);
  }

  @Get(':id')
  @Allow(Permission.ReconciliationsRead)
  @ApiOperation({ summary: 'One reconciliation’s summary: counts per status and exact totals', description: WHO })
  @ApiOkResponse({ type: ReconciliationDto })
  get(@CurrentPrincipal() p: Principal, @Param() { id }: IdParam) {
    return this.reconciliations.get(p, id);
  }

  @Get(':id/rows')
  @Allow(Permission.ReconciliationsRead)
  @ApiOperation({
    summary: 'A reconciliation’s rows (pairs and one-sided calls), paginated, or all of them as a CSV or XLSX file',
    description:
      WHO +
      'In report order (by start, then the carrier’s file row); status filters. format=csv or xlsx (or an Accept header ' +
      'preferring them) answers every row of the filter as a file, written as the report exports are (RFC 4180, bom=true ' +
      'for Excel, text cells neutralised against formula injection; XLSX with numeric amounts), streamed in batches.',
  })
  @ApiOkResponse({
    description: 'A page of rows (JSON), or all of them as a file',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ReconciliationRowPageDto) } },
      'text/csv': { schema: { type: 'string', description: 'CSV file (format=csv or Accept: text/csv)' } },
      [MEDIA_TYPES.xlsx]: { schema: { type: 'string', format: 'binary', description: 'XLSX workbook (format=xlsx or Accept)' } },
    },
  })
  rows(@CurrentPrincipal() p: Principal, @Param() { id }: IdParam, @Query() q: ReconciliationRowsQuery, @Req() req: Request) {
    const format = answerFormat(q.format, req.accepts(REPORT_MEDIA_TYPES));
    return format === 'json' ? this.reconciliations.rows(p, id, q) : this.reconciliations.download(p, id, q, format);
  }
}
