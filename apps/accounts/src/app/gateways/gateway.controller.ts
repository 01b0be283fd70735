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
import {
  CreateGatewayDto,
  GatewayDto,
  GatewayListQuery,
  GatewayPageDto,
  UpdateGatewayDto,
} from './gateway.dto';
import { GatewayService } from './gateway.service';

@ApiTags('gateways')
@ApiBearerAuth()
@Controller('gateways')
export class GatewayController {
  constructor(private readonly gateways: GatewayService) {}

  @Get()
  @Allow(Permission.GatewaysRead)
  @ApiOperation({ summary: 'List PSTN gateways (SIP trunks); passwords are never returned' })
  @ApiOkResponse({ type: GatewayPageDto })
  list(@CurrentPrincipal() p: Principal, @Query() q: GatewayListQuery) {
    return this.gateways.list(p, q);
  }

  @Get(':id')
  @Allow(Permission.GatewaysRead)
  @ApiOkResponse({ type: GatewayDto })
  get(@CurrentPrincipal() p: Principal, @Param() { id }: IdParam) {
    return this.gateways.get(p, id);
  }

  @Post()
  @Allow(Permission.GatewaysWrite)
  @ApiCreatedResponse({ type: GatewayDto })
  create(@Ctx() ctx: MutationContext, @Body() body: CreateGatewayDto) {
    return this.gateways.create(ctx, body);
  }

  @Patch(':id')
  @Allow(Permission.GatewaysWrite)
  @ApiOkResponse({ type: GatewayDto })
  update(@Ctx() ctx: MutationContext, @Param() { id }: IdParam, @Body() body: UpdateGatewayDto) {
    return this.gateways.update(ctx, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Allow(Permission.GatewaysWrite)
  @ApiNoContentResponse({ description: 'Done; no body' })
  remove(@Ctx() ctx: MutationContext, @Param() { id }: IdParam) {
    return this.gateways.remove(ctx, id);
  }
}
