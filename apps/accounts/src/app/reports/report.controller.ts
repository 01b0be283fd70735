import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Allow, CurrentPrincipal, type Principal } from '../auth/principal';
import { Permission } from '../auth/permissions';
import { CdrPageDto } from '../cdrs/cdr.dto';
import { ReportCdrQuery, ReportSummaryDto, ReportTopDto, SummaryQuery, TopQuery } from './report.dto';
import type { Request } from 'express';
import { answerFormat, MEDIA_TYPES, REPORT_MEDIA_TYPES } from './report-format';
import { ReportService } from './report.service';
import { ExportReport } from './usecases/export-report';
import { SiteStatement } from './usecases/site-statement';
import { StatementQuery } from './statement.dto';

const WHO =
  'FINANCE and ADMIN see the whole tenant; a SITE_ADMIN sees its sites only (without siteId its sites, a siteId of another ' +
  'site 403); VIEWER 403. ';
const PERIOD =
  "from and to are local calendar days, both included, in the time zone of the site given as siteId, else of the tenant's " +
  'first site (UTC without sites): a day starts at local midnight, so DST days have 23 or 25 hours. ';
const FILTERS =
  'The filters are those of GET /cdrs plus destination, country and currency; an empty key filter (siteId=) selects the calls ' +
  "without one. Only calls priced in the report currency count (the tenant's unless currency is given). ";
const CSV =
  'format=csv (or an Accept header preferring text/csv) answers the same rows as a CSV file (RFC 4180: CRLF, quoted fields; bom=true starts it ' +
  'with a UTF-8 byte-order mark for Excel), streamed from a Postgres cursor, without a row limit. A text cell that a ' +
  "spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading apostrophe. ";

const XLSX =
  'format=xlsx (or an Accept header preferring application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) answers the ' +
  'same rows and columns as an XLSX workbook of one sheet (bold header row), streamed from the same cursor: counts and ' +
  'amounts are numeric cells, amounts with the format #,##0.00000 and exact (an amount a spreadsheet number could not hold ' +
  'exactly is written as its decimal text), text cells are string cells, never formulas. ';

/** A JSON answer, or the same as a CSV or XLSX file. */
const jsonOrFile = (json: Parameters<typeof getSchemaPath>[0], description: string) =>
  ApiOkResponse({
    description,
    content: {
      'application/json': { schema: { $ref: getSchemaPath(json) } },
      'text/csv': { schema: { type: 'string', description: 'CSV file (format=csv or Accept: text/csv)' } },
      [MEDIA_TYPES.xlsx]: { schema: { type: 'string', format: 'binary', description: 'XLSX workbook (format=xlsx or Accept)' } },
    },
  });

@ApiTags('reports')
@ApiBearerAuth()
@ApiExtraModels(ReportSummaryDto, ReportTopDto, CdrPageDto)
@Controller('reports')
export class ReportController {
  constructor(
    private readonly reports: ReportService,
    private readonly exporter: ExportReport,
    private readonly statements: SiteStatement,
  ) {}

  @Get('summary')
  @Allow(Permission.ReportsRead)
  @ApiOperation({
    summary: 'Call charges grouped by site, cost centre, extension, destination, gateway, direction, disposition and day/week/month',
    description:
      WHO +
      PERIOD +
      FILTERS +
      'Postgres adds up calls, answered calls, billable seconds and cost per combination of the groupBy keys. Rounding rule: ' +
      'every cost is the exact sum of the calls\u2019 five-place costs, so the totals equal the sum of the rows exactly; only ' +
      'totals.costRounded is rounded, once, half away from zero, to the currency\u2019s minor unit. compare=true adds the ' +
      'previous period (the months before for whole calendar months, else as many days before) and each figure\u2019s change. ' +
      `A bad parameter, an unknown groupBy key, to before from, a period over three years or a grouping of more than ` +
      'the JSON row limit is 422 naming the parameter. ' +
      CSV +
      XLSX +
      'The file has one line per row: the key columns in groupBy order, then the figures and the currency; compare is ' +
      'JSON only.',
  })
  @jsonOrFile(ReportSummaryDto, 'The report (JSON), or its rows as CSV')
  summary(@CurrentPrincipal() p: Principal, @Query() q: SummaryQuery, @Req() req: Request) {
    const format = answerFormat(q.format, req.accepts(REPORT_MEDIA_TYPES));
    return format === 'json' ? this.reports.summary(p, q) : this.exporter.summary(p, q, format);
  }

  @Get('top')
  @Allow(Permission.ReportsRead)
  @ApiOperation({
    summary: 'The costliest calls, destinations or extensions of a period',
    description:
      WHO +
      PERIOD +
      FILTERS +
      'Costliest first; among equal costs the one with more calls (for calls: the later one). ' +
      CSV +
      XLSX +
      'The file has the columns of the drill-down export for by=calls, else those of a summary grouped by destination or extension.',
  })
  @jsonOrFile(ReportTopDto, 'The top list (JSON), or its rows as CSV')
  top(@CurrentPrincipal() p: Principal, @Query() q: TopQuery, @Req() req: Request) {
    const format = answerFormat(q.format, req.accepts(REPORT_MEDIA_TYPES));
    return format === 'json' ? this.reports.top(p, q) : this.exporter.top(p, q, format);
  }

  @Get('cdrs')
  @Allow(Permission.ReportsRead)
  @ApiOperation({
    summary: 'The calls behind a report figure (drill-down), paginated like GET /cdrs',
    description:
      WHO +
      PERIOD +
      FILTERS +
      'Give the period and the filters of the report and the key values of the row (siteId, extensionId, destination and ' +
      'country, ..., and from=periodStart&to=periodEnd for a day, week or month): total is then the row\u2019s calls and the ' +
      'costs add up to its cost. Newest first unless sort says otherwise. ' +
      CSV +
      XLSX +
      'The file holds every matching call (page and pageSize do not apply), with its local start time in the report zone, ' +
      'the site code, extension number and gateway name, and the destination and country.',
  })
  @jsonOrFile(CdrPageDto, 'A page of calls (JSON), or all of them as CSV')
  cdrs(@CurrentPrincipal() p: Principal, @Query() q: ReportCdrQuery, @Req() req: Request) {
    const format = answerFormat(q.format, req.accepts(REPORT_MEDIA_TYPES));
    return format === 'json' ? this.reports.cdrs(p, q) : this.exporter.cdrs(p, q, format);
  }

  @Get('statement')
  @Allow(Permission.ReportsRead)
  @ApiOperation({
    summary: 'The monthly call-charge statement of one site, as a PDF',
    description:
      'FINANCE and ADMIN may ask for any site of the tenant; a SITE_ADMIN for its own sites (another site 403); VIEWER 403; a ' +
      "site that does not exist (or is another tenant's) 404. The month's local days are the site's time zone's. The PDF has a " +
      'header (tenant, site, period, currency), the totals (cost exact and rounded once to the minor unit, as the summary\u2019s ' +
      'totals), totals by category (direction), by extension, the costliest destinations and a bar chart of the daily cost: ' +
      'the figures of GET /reports/summary for that site and month (groupBy direction, extension, day; top destinations), ' +
      'read in one snapshot. A bad siteId or month is 422 naming it.',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The statement (format=pdf or Accept: application/pdf; PDF is the only format)',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  statement(@CurrentPrincipal() p: Principal, @Query() q: StatementQuery) {
    return this.statements.pdf(p, q);
  }
}
