import { Module } from '@nestjs/common';
import { GatewayController } from './gateway.controller';
import { GatewayRepository } from './gateway.repository';
import { GatewayService } from './gateway.service';

@Module({ controllers: [GatewayController], providers: [GatewayService, GatewayRepository] })
export class GatewaysModule {}
