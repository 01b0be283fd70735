import { Module, type Type } from '@nestjs/common';
import { SiteController } from './sites/site.controller';
import { SiteRepository } from './sites/site.repository';
import { SiteService } from './sites/site.service';
import { ExtensionController } from './extensions/extension.controller';
import { ExtensionRepository } from './extensions/extension.repository';
import { ExtensionService } from './extensions/extension.service';
import { SipCredentialService } from './extensions/sip-credentials';
import { ExportExtensions } from './extensions/usecases/export-extensions';
import { ImportExtensions } from './extensions/usecases/import-extensions';

@Module({ controllers: [SiteController], providers: [SiteService, SiteRepository], exports: [SiteRepository] })
export class SitesModule {}

@Module({
  imports: [SitesModule],
  controllers: [ExtensionController],
  providers: [ExtensionService, ExtensionRepository, SipCredentialService, ImportExtensions, ExportExtensions],
})
export class ExtensionsModule {}

/** One module per resource; the order here is the order in the OpenAPI document. */
export const FEATURES: Type[] = [SitesModule, ExtensionsModule];
