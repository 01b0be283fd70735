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
import { Permission } from '../auth/permissions';
import type { MutationContext } from '../audit/mutation.service';
import { IdParam } from '../common/id-param';
import { CreateDidDto, DidDto, DidListQuery, DidPageDto, UpdateDidDto } from './did.dto';
import { DidService } from './did.service';

@ApiTags('dids')
@ApiBearerAuth()
@Controller('dids')
export class DidController {
  constructor(private readonly dids: DidService) {}

  @Get()
  @Allow(Permission.DidsRead)
  @ApiOperation({ summary: 'List inbound numbers (E.164) and the extension or conference room each rings' })
  @ApiOkResponse({ type: DidPageDto })
  list(@CurrentPrincipal() p: Principal, @Query() q: DidListQuery) {
    return this.dids.list(p, q);
  }

  @Get(':id')
  @Allow(Permission.DidsRead)
  @ApiOkResponse({ type: DidDto })
  get(@CurrentPrincipal() p: Principal, @Param() { id }: IdParam) {
    return this.dids.get(p, id);
  }

  @Post()
  @Allow(Permission.DidsWrite)
  @ApiCreatedResponse({ type: DidDto })
  create(@Ctx() ctx: MutationContext, @Body() body: CreateDidDto) {
    return this.dids.create(ctx, body);
  }

  @Patch(':id')
  @Allow(Permission.DidsWrite)
  @ApiOkResponse({ type: DidDto })
  update(@Ctx() ctx: MutationContext, @Param() { id }: IdParam, @Body() body: UpdateDidDto) {
    return this.dids.update(ctx, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Allow(Permission.DidsWrite)
  @ApiNoContentResponse({ description: 'Done; no body' })
  remove(@Ctx() ctx: MutationContext, @Param() { id }: IdParam) {
    return this.dids.remove(ctx, id);
  }
}
