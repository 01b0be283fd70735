import { Module } from '@nestjs/common';
import { PlatformController } from './platform.controller';
import { PlatformGuard } from './platform.guard';
import { PlatformRepository } from './platform.repository';

@Module({ controllers: [PlatformController], providers: [PlatformRepository, PlatformGuard] })
export class PlatformModule {}
