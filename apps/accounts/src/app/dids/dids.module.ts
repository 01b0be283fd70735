import { Module } from '@nestjs/common';
import { DidController } from './did.controller';
import { DidRepository } from './did.repository';
import { DidService } from './did.service';

@Module({ controllers: [DidController], providers: [DidService, DidRepository] })
export class DidsModule {}
