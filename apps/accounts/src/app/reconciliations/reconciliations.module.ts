import { Module } from '@nestjs/common';
import { CdrsModule } from '../cdrs/cdrs.module';
import { ReconciliationController } from './reconciliation.controller';
import { ReconciliationRepository } from './reconciliation.repository';
import { ReconciliationService } from './reconciliation.service';
import { ReconcileCarrierFile } from './usecases/reconcile-carrier-file';

@Module({
  imports: [CdrsModule],
  controllers: [ReconciliationController],
  providers: [ReconciliationService, ReconciliationRepository, ReconcileCarrierFile],
})
export class ReconciliationsModule {}
