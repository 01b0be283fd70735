import { Module } from '@nestjs/common';
import { ApiKeyController } from './api-key.controller';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKeyService } from './api-key.service';

@Module({ controllers: [ApiKeyController], providers: [ApiKeyService, ApiKeyRepository] })
export class ApiKeysModule {}
