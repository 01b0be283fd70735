import { Module } from '@nestjs/common';
import { RegistrationsModule } from '../registrations/registrations.module';
import { SitesModule } from '../sites/sites.module';
import { ExtensionController } from './extension.controller';
import { ExtensionRepository } from './extension.repository';
import { ExtensionService } from './extension.service';
import { SipCredentialService } from './sip-credentials';
import { ExportExtensions } from './usecases/export-extensions';
import { ImportExtensions } from './usecases/import-extensions';

@Module({
  imports: [SitesModule, RegistrationsModule],
  controllers: [ExtensionController],
  providers: [ExtensionService, ExtensionRepository, SipCredentialService, ImportExtensions, ExportExtensions],
})
export class ExtensionsModule {}
