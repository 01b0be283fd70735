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
import { CreateUserDto, UpdateUserDto, UserDto, UserListQuery, UserPageDto } from './user.dto';
import { UserService } from './user.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UserController {
  constructor(private readonly users: UserService) {}

  @Get()
  @Allow(Permission.UsersManage)
  @ApiOperation({ summary: 'List the tenant users and their roles (ADMIN only)' })
  @ApiOkResponse({ type: UserPageDto })
  list(@CurrentPrincipal() p: Principal, @Query() q: UserListQuery) {
    return this.users.list(p, q);
  }

  @Get(':id')
  @Allow(Permission.UsersManage)
  @ApiOkResponse({ type: UserDto })
  get(@CurrentPrincipal() p: Principal, @Param() { id }: IdParam) {
    return this.users.get(p, id);
  }

  @Post()
  @Allow(Permission.UsersManage)
  @ApiCreatedResponse({ type: UserDto })
  create(@Ctx() ctx: MutationContext, @Body() body: CreateUserDto) {
    return this.users.create(ctx, body);
  }

  @Patch(':id')
  @Allow(Permission.UsersManage)
  @ApiOkResponse({ type: UserDto })
  update(@Ctx() ctx: MutationContext, @Param() { id }: IdParam, @Body() body: UpdateUserDto) {
    return this.users.update(ctx, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Allow(Permission.UsersManage)
  @ApiNoContentResponse({ description: 'Done; no body' })
  remove(@Ctx() ctx: MutationContext, @Param() { id }: IdParam) {
    return this.users.remove(ctx, id);
  }
}
