import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Ctx, CurrentPrincipal, type Principal } from '../auth/principal';
import { Permission } from '../auth/permissions';
import type { MutationContext } from '../audit/mutation.service';
import { IdParam } from '../common/id-param';
import { ConferenceRoomDto, ConferenceRoomListQuery, ConferenceRoomPageDto, CreateConferenceRoomDto, UpdateConferenceRoomDto } from './conference-room.dto';
import { ConferenceRoomService } from './conference-room.service';

@ApiTags('conference-rooms')
@ApiBearerAuth()
@Controller('conference-rooms')
export class ConferenceRoomController {
  constructor(private readonly rooms: ConferenceRoomService) {}

  @Get()
  @Allow(Permission.ConferenceRoomsRead)
  @ApiOperation({ summary: 'List conference rooms: number, PINs, size limit' })
  @ApiOkResponse({ type: ConferenceRoomPageDto })
  list(@CurrentPrincipal() p: Principal, @Query() q: ConferenceRoomListQuery) {
    return this.rooms.list(p, q);
  }

  @Get(':id')
  @Allow(Permission.ConferenceRoomsRead)
  @ApiOkResponse({ type: ConferenceRoomDto })
  get(@CurrentPrincipal() p: Principal, @Param() { id }: IdParam) {
    return this.rooms.get(p, id);
  }

  @Post()
  @Allow(Permission.ConferenceRoomsWrite)
  @ApiCreatedResponse({ type: ConferenceRoomDto })
  create(@Ctx() ctx: MutationContext, @Body() body: CreateConferenceRoomDto) {
    return this.rooms.create(ctx, body);
  }

  @Patch(':id')
  @Allow(Permission.ConferenceRoomsWrite)
  @ApiOkResponse({ type: ConferenceRoomDto })
  update(@Ctx() ctx: MutationContext, @Param() { id }: IdParam, @Body() body: UpdateConferenceRoomDto) {
    return this.rooms.update(ctx, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Allow(Permission.ConferenceRoomsWrite)
  @ApiNoContentResponse({ description: 'Done; no body' })
  remove(@Ctx() ctx: MutationContext, @Param() { id }: IdParam) {
    return this.rooms.remove(ctx, id);
  }
}
