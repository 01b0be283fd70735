import { Module } from '@nestjs/common';
import { CdrController } from './cdr.controller';
import { CdrRepository } from './cdr.repository';
import { CdrService } from './cdr.service';

@Module({ controllers: [CdrController], providers: [CdrService, CdrRepository], exports: [CdrRepository] })
export class CdrsModule {}
