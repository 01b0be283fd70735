import { Inject, Injectable, type StreamableFile } from '@nestjs/common';
import type { Reconciliation } from '@branchline/db';
import { ACCOUNTS_CONFIG, type AccountsConfig } from '../accounts.config';
import { scopeOf, type Principal } from '../auth/principal';
import { NotFoundError } from '../common/errors';
import { pageRequest, type Page } from '../common/pagination';
import { exportFile, fileOptions, mapBatches } from '../reports/report-file';
import type { FileFormat } from '../reports/report-format';
import type { ReconciliationListQuery, ReconciliationRowsQuery, ReconciliationRowView, ReconciliationView } from './reconciliation.dto';
import { RECONCILIATION_CSV_COLUMNS } from './reconciliation-csv';
import { ReconciliationRepository } from './reconciliation.repository';
import { dbStatus, reconciliationRowView, reconciliationView } from './reconciliation.view';

/** Reading kept reconciliations: their summaries, their rows, and the rows as a file. */
@Injectable()
export class ReconciliationService {
  constructor(
    private readonly repository: ReconciliationRepository,
    @Inject(ACCOUNTS_CONFIG) private readonly config: AccountsConfig,
  ) {}

  async list(p: Principal, q: ReconciliationListQuery): Promise<Page<ReconciliationView>> {
    const { page, pageSize, sort, gatewayId } = q;
    const [rows, total] = await this.repository.list(scopeOf(p), { gatewayId }, pageRequest({ page, pageSize, sort }, [{ createdAt: 'desc' }]));
    return { data: rows.map(reconciliationView), page, pageSize, total };
  }

  async get(p: Principal, id: string): Promise<ReconciliationView> {
    return reconciliationView(await this.found(p, id));
  }

  async rows(p: Principal, id: string, q: ReconciliationRowsQuery): Promise<Page<ReconciliationRowView>> {
    await this.found(p, id);
    const { page, pageSize } = q;
    const [rows, total] = await this.repository.rows(scopeOf(p), id, q.status && dbStatus(q.status), (page - 1) * pageSize, pageSize);
    return { data: rows.map(reconciliationRowView), page, pageSize, total };
  }

  async download(p: Principal, id: string, q: ReconciliationRowsQuery, format: FileFormat): Promise<StreamableFile> {
    const r = await this.found(p, id);
    const batches = this.repository.rowBatches(scopeOf(p), id, q.status && dbStatus(q.status), this.config.REPORT_EXPORT_BATCH_ROWS);
    const period = `${r.periodFrom.toISOString().slice(0, 10)}-${r.periodTo.toISOString().slice(0, 10)}`;
    return exportFile(fileOptions(format, q), {
      name: `reconciliation-${r.gatewayName.replace(/[^\w.-]/g, '_')}-${period}${q.status ? `-${q.status}` : ''}`,
      sheet: 'Reconciliation',
      columns: RECONCILIATION_CSV_COLUMNS,
      batches: mapBatches(batches, (row) => reconciliationRowView(row)),
    });
  }

  private async found(p: Principal, id: string): Promise<Reconciliation> {
    const r = await this.repository.find(scopeOf(p), id);
    if (!r) throw new NotFoundError('Reconciliation', id);
    return r;
  }
}
