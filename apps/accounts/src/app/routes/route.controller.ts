import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Ctx, CurrentPrincipal, type Principal } from '../auth/principal';
import { Permission } from '../auth/permissions';
import type { MutationContext } from '../audit/mutation.service';
import { IdParam } from '../common/id-param';
import { CreateRouteDto, RouteListQuery, UpdateRouteDto } from './route.dto';
import { RouteService } from './route.service';

@ApiTags('routes')
@ApiBearerAuth()
@Controller('routes')
export class RouteController {
  constructor(private readonly routes: RouteService) {}

  @Get()
  @Allow(Permission.RoutesRead)
  @ApiOperation({ summary: 'List outbound routes: dial pattern, class of service needed, gateways in failover order' })
  list(@CurrentPrincipal() p: Principal, @Query() q: RouteListQuery) {
    return this.routes.list(p, q);
  }

  @Get(':id')
  @Allow(Permission.RoutesRead)
  get(@CurrentPrincipal() p: Principal, @Param() { id }: IdParam) {
    return this.routes.get(p, id);
  }

  @Post()
  @Allow(Permission.RoutesWrite)
  create(@Ctx() ctx: MutationContext, @Body() body: CreateRouteDto) {
    return this.routes.create(ctx, body);
  }

  @Patch(':id')
  @Allow(Permission.RoutesWrite)
  update(@Ctx() ctx: MutationContext, @Param() { id }: IdParam, @Body() body: UpdateRouteDto) {
    return this.routes.update(ctx, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Allow(Permission.RoutesWrite)
  remove(@Ctx() ctx: MutationContext, @Param() { id }: IdParam) {
    return this.routes.remove(ctx, id);
  }
}
