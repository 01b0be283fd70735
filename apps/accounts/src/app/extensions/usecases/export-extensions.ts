import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { scopeOf, type Principal } from '../../auth/principal';
import { neutraliseCsvFormula } from '../../common/csv-formula';
import { NotFoundError } from '../../common/errors';
import { SiteRepository } from '../../sites/site.repository';
import { ExtensionRepository } from '../extension.repository';
import { EXTENSION_CSV_COLUMNS } from './extension-csv';

/**
 * A site's extensions as CSV, in the import's columns, so an export can be
 * edited and imported elsewhere. The sipPassword column stays empty: passwords
 * are shown once and never exported (an import then generates new ones).
 * Cells a spreadsheet would run as formulas get a leading apostrophe
 * (common/csv-formula.ts); the import removes it again.
 */
@Injectable()
export class ExportExtensions {
  constructor(
    private readonly extensions: ExtensionRepository,
    private readonly sites: SiteRepository,
  ) {}

  async execute(p: Principal, siteId: string): Promise<{ filename: string; csv: string }> {
    const site = await this.sites.find(scopeOf(p), siteId);
    if (!site) throw new NotFoundError('Site', siteId);
    const rows = await this.extensions.listBySite(scopeOf(p), siteId);
    const csv = stringify(
      rows.map((e) =>
        [e.number, e.displayName, e.sipUsername, '', e.externalCallerId ?? '', e.classOfService, String(e.enabled)].map(neutraliseCsvFormula),
      ),
      { header: true, columns: [...EXTENSION_CSV_COLUMNS] },
    );
    return { filename: `extensions-${site.code}.csv`, csv };
  }
}
