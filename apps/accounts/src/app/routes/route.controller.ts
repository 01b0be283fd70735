import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Ctx, CurrentPrincipal, type Principal } from '../auth/principal';
import { Permission } from '../auth/permissions';
import type { MutationContext } from '../audit/mutation.service';
import { IdParam } from '../common/id-param';
import { CreateRouteDto, RouteDto, RouteListQuery, RoutePageDto, UpdateRouteDto } from './route.dto';
import { RouteService } from './route.service';

@ApiTags('routes')
@ApiBearerAuth()
@Controller('routes')
export class RouteController {
  constructor(private readonly routes: RouteService) {}

  @Get()
  @Allow(Permission.RoutesRead)
  @ApiOperation({ summary: 'List outbound routes: dial pattern, class of service needed, gateways in failover order' })
  @ApiOkResponse({ type: RoutePageDto })
  list(@CurrentPrincipal() p: Principal, @Query() q: RouteListQuery) {
    return this.routes.list(p, q);
  }

  @Get(':id')
  @Allow(Permission.RoutesRead)
  @ApiOkResponse({ type: RouteDto })
  get(@CurrentPrincipal() p: Principal, @Param() { id }: IdParam) {
    return this.routes.get(p, id);
  }

  @Post()
  @Allow(Permission.RoutesWrite)
  @ApiCreatedResponse({ type: RouteDto })
  create(@Ctx() ctx: MutationContext, @Body() body: CreateRouteDto) {
    return this.routes.create(ctx, body);
  }

  @Patch(':id')
  @Allow(Permission.RoutesWrite)
  @ApiOkResponse({ type: RouteDto })
  update(@Ctx() ctx: MutationContext, @Param() { id }: IdParam, @Body() body: UpdateRouteDto) {
    return this.routes.update(ctx, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Allow(Permission.RoutesWrite)
  @ApiNoContentResponse({ description: 'Done; no body' })
  remove(@Ctx() ctx: MutationContext, @Param() { id }: IdParam) {
    return this.routes.remove(ctx, id);
  }
}
