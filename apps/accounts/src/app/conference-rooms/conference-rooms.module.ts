import { Module } from '@nestjs/common';
import { ConferenceRoomController } from './conference-room.controller';
import { ConferenceRoomRepository } from './conference-room.repository';
import { ConferenceRoomService } from './conference-room.service';

@Module({ controllers: [ConferenceRoomController], providers: [ConferenceRoomService, ConferenceRoomRepository] })
export class ConferenceRoomsModule {}
