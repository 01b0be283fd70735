import { Module } from '@nestjs/common';
import { TenantController } from './tenant.controller';
import { TenantRepository } from './tenant.repository';

@Module({ controllers: [TenantController], providers: [TenantRepository] })
export class TenantModule {}
