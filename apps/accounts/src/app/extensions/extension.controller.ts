import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, Ctx, CurrentPrincipal, type Principal } from '../auth/principal';
import { Permission } from '../auth/permissions';
import type { MutationContext } from '../audit/mutation.service';
import { ValidationError } from '../common/errors';
import { CreateExtensionDto, ExtensionDto, ExtensionIdParam, ExtensionListQuery, ExtensionPageDto, ExtensionWithPasswordDto, ExtensionWithPresenceDto, ImportQuery, ImportReportDto, ResetPasswordDto, SiteIdParam, UpdateExtensionDto } from './extension.dto';
import { ExtensionService } from './extension.service';
import { ExportExtensions } from './usecases/export-extensions';
import { ImportExtensions } from './usecases/import-extensions';

@ApiTags('extensions')
@ApiBearerAuth()
@Controller()
export class ExtensionController {
  constructor(
    private readonly extensions: ExtensionService,
    private readonly importer: ImportExtensions,
    private readonly exporter: ExportExtensions,
  ) {}

  @Get('extensions')
  @Allow(Permission.ExtensionsRead)
  @ApiOperation({
    summary: 'List extensions (filter by site, number, class of service, enabled; q searches number and name)',
    description:
      'Each extension carries `online` (its phone is registered now) and `registrations` (how many bindings), asked from the ' +
      'registrar; both are null when the registrar does not answer, and the list is still served.',
  })
  @ApiOkResponse({ type: ExtensionPageDto })
  list(@CurrentPrincipal() p: Principal, @Query() q: ExtensionListQuery) {
    return this.extensions.list(p, q);
  }

  @Get('extensions/:id')
  @Allow(Permission.ExtensionsRead)
  @ApiOperation({ summary: 'One extension, with `online` and `registrations` as in the list (null when the registrar does not answer)' })
  @ApiOkResponse({ type: ExtensionWithPresenceDto })
  get(@CurrentPrincipal() p: Principal, @Param() { id }: ExtensionIdParam) {
    return this.extensions.get(p, id);
  }

  @Post('extensions')
  @Allow(Permission.ExtensionsWrite)
  @ApiOperation({ summary: 'Create an extension; the response carries its SIP password, shown this once only' })
  @ApiCreatedResponse({ type: ExtensionWithPasswordDto })
  create(@Ctx() ctx: MutationContext, @Body() body: CreateExtensionDto) {
    return this.extensions.create(ctx, body);
  }

  @Patch('extensions/:id')
  @Allow(Permission.ExtensionsWrite)
  @ApiOkResponse({ type: ExtensionDto })
  update(@Ctx() ctx: MutationContext, @Param() { id }: ExtensionIdParam, @Body() body: UpdateExtensionDto) {
    return this.extensions.update(ctx, id, body);
  }

  @Post('extensions/:id/reset-password')
  @HttpCode(200)
  @Allow(Permission.ExtensionsWrite)
  @ApiOperation({ summary: 'Set or generate a new SIP password; the response shows it this once only' })
  @ApiOkResponse({ type: ExtensionWithPasswordDto })
  resetPassword(@Ctx() ctx: MutationContext, @Param() { id }: ExtensionIdParam, @Body() body: ResetPasswordDto) {
    return this.extensions.resetPassword(ctx, id, body.sipPassword);
  }

  @Delete('extensions/:id')
  @HttpCode(204)
  @Allow(Permission.ExtensionsWrite)
  @ApiNoContentResponse({ description: 'Done; no body' })
  remove(@Ctx() ctx: MutationContext, @Param() { id }: ExtensionIdParam) {
    return this.extensions.remove(ctx, id);
  }

  @Post('sites/:siteId/extensions/import')
  @HttpCode(200)
  @Allow(Permission.ExtensionsWrite)
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: { type: 'string', example: 'number,displayName,sipUsername,sipPassword,externalCallerId,classOfService,enabled\n1001,Anna Schmidt,,,,NATIONAL,true' },
  })
  @ApiOperation({
    summary: 'Import a site\'s extensions from CSV. dryRun=true only validates; a real import writes every row or none',
    description:
      'A cell that starts with an apostrophe followed by = + - @, tab or CR (optionally after more apostrophes) loses that one ' +
      'apostrophe: it is the one the export adds against spreadsheet formula injection, so an export imports back unchanged.',
  })
  @ApiOkResponse({ type: ImportReportDto })
  import(@Ctx() ctx: MutationContext, @Param() { siteId }: SiteIdParam, @Query() q: ImportQuery, @Body() body: unknown) {
    if (typeof body !== 'string') throw ValidationError.field('(body)', 'must be CSV sent with Content-Type: text/csv');
    return this.importer.execute(ctx, siteId, body, q.dryRun);
  }

  @Get('sites/:siteId/extensions/export')
  @Allow(Permission.ExtensionsRead)
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({
    summary: 'Export a site\'s extensions as CSV, in the import columns (passwords are never exported)',
    description:
      'Against spreadsheet formula injection (OWASP CSV Injection), a cell whose value starts with = + - @, tab or CR, ' +
      'optionally after apostrophes, is written with one leading apostrophe (+4930123 becomes \'+4930123, =SUM(A1) becomes ' +
      '\'=SUM(A1)), so a spreadsheet shows it as text. The import removes exactly that apostrophe, so an export imports back ' +
      'to the same values.',
  })
  @ApiOkResponse({ description: 'The CSV file', content: { 'text/csv': { schema: { type: 'string' } } } })
  async export(@CurrentPrincipal() p: Principal, @Param() { siteId }: SiteIdParam, @Res({ passthrough: true }) res: Response) {
    const { filename, csv } = await this.exporter.execute(p, siteId);
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    return csv;
  }
}
