import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Allow, Ctx, CurrentPrincipal, type Principal } from '../auth/principal';
import type { MutationContext } from '../audit/mutation.service';
import { Permission } from '../auth/permissions';
import { CreateSiteDto, SiteDto, SiteIdParam, SiteListQuery, SitePageDto, UpdateSiteDto } from './site.dto';
import { SiteService } from './site.service';

@ApiTags('sites')
@ApiBearerAuth()
@Controller('sites')
export class SiteController {
  constructor(private readonly sites: SiteService) {}

  @Get()
  @Allow(Permission.SitesRead)
  @ApiOperation({ summary: 'List branch offices (a SITE_ADMIN sees its own)' })
  @ApiOkResponse({ type: SitePageDto })
  list(@CurrentPrincipal() p: Principal, @Query() q: SiteListQuery) {
    return this.sites.list(p, q);
  }

  @Get(':id')
  @Allow(Permission.SitesRead)
  @ApiOkResponse({ type: SiteDto })
  get(@CurrentPrincipal() p: Principal, @Param() { id }: SiteIdParam) {
    return this.sites.get(p, id);
  }

  @Post()
  @Allow(Permission.SitesCreate)
  @ApiOperation({ summary: 'Create a branch office with its extension number range' })
  @ApiCreatedResponse({ type: SiteDto })
  create(@Ctx() ctx: MutationContext, @Body() body: CreateSiteDto) {
    return this.sites.create(ctx, body);
  }

  @Patch(':id')
  @Allow(Permission.SitesUpdate)
  @ApiOkResponse({ type: SiteDto })
  update(@Ctx() ctx: MutationContext, @Param() { id }: SiteIdParam, @Body() body: UpdateSiteDto) {
    return this.sites.update(ctx, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Allow(Permission.SitesDelete)
  @ApiNoContentResponse({ description: 'Done; no body' })
  remove(@Ctx() ctx: MutationContext, @Param() { id }: SiteIdParam) {
    return this.sites.remove(ctx, id);
  }
}
