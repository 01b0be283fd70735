import { Module } from '@nestjs/common';
import { CdrsModule } from '../cdrs/cdrs.module';
import { TenantModule } from '../tenant/tenant.module';
import { ReportController } from './report.controller';
import { ReportRepository } from './report.repository';
import { ReportService } from './report.service';
import { ExportReport } from './usecases/export-report';
import { SiteStatement } from './usecases/site-statement';

@Module({ imports: [CdrsModule, TenantModule], controllers: [ReportController], providers: [ReportService, ReportRepository, ExportReport, SiteStatement], exports: [ReportRepository] })
export class ReportsModule {}
