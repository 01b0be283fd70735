import { Module } from '@nestjs/common';
import { DialplanController } from './dialplan.controller';
import { DialplanRepository } from './dialplan.repository';
import { DialplanService } from './dialplan.service';
import { RoutingClient, routingBusProvider } from './routing.client';

/** Dial-plan explanations, asked from the routing service over the Redis bus. */
@Module({ controllers: [DialplanController], providers: [routingBusProvider, RoutingClient, DialplanService, DialplanRepository] })
export class DialplanModule {}
