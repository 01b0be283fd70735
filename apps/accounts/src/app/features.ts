import { Module, type Type } from '@nestjs/common';
import { SiteController } from './sites/site.controller';
import { SiteRepository } from './sites/site.repository';
import { SiteService } from './sites/site.service';

@Module({ controllers: [SiteController], providers: [SiteService, SiteRepository], exports: [SiteRepository] })
export class SitesModule {}

/** One module per resource; the order here is the order in the OpenAPI document. */
export const FEATURES: Type[] = [SitesModule];
