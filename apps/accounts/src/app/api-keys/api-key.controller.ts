import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
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
  ApiKeyDto,
  ApiKeyListQuery,
  ApiKeyPageDto,
  ApiKeyWithSecretDto,
  CreateApiKeyDto,
} from './api-key.dto';
import { ApiKeyService } from './api-key.service';

@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('api-keys')
export class ApiKeyController {
  constructor(private readonly keys: ApiKeyService) {}

  @Get()
  @Allow(Permission.ApiKeysManage)
  @ApiOkResponse({ type: ApiKeyPageDto })
  list(@CurrentPrincipal() p: Principal, @Query() q: ApiKeyListQuery) {
    return this.keys.list(p, q);
  }

  @Get(':id')
  @Allow(Permission.ApiKeysManage)
  @ApiOkResponse({ type: ApiKeyDto })
  get(@CurrentPrincipal() p: Principal, @Param() { id }: IdParam) {
    return this.keys.get(p, id);
  }

  @Post()
  @Allow(Permission.ApiKeysManage)
  @ApiOperation({ summary: 'Create an API key for automation; the key is in this response only' })
  @ApiCreatedResponse({ type: ApiKeyWithSecretDto })
  create(@Ctx() ctx: MutationContext, @Body() body: CreateApiKeyDto) {
    return this.keys.create(ctx, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Allow(Permission.ApiKeysManage)
  @ApiOperation({ summary: 'Revoke an API key (it stays listed, marked revoked)' })
  @ApiNoContentResponse({ description: 'Done; no body' })
  revoke(@Ctx() ctx: MutationContext, @Param() { id }: IdParam) {
    return this.keys.revoke(ctx, id);
  }
}
