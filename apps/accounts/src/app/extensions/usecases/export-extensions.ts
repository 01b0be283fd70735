import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { scopeOf, type Principal } from '../../auth/principal';
import { NotFoundError } from '../../common/errors';
import { SiteRepository } from '../../sites/site.repository';
import { ExtensionRepository } from '../extension.repository';
import { EXTENSION_CSV_COLUMNS } from './extension-csv';

/**
 * A site's extensions as CSV, in the import's columns, so an export can be
 * edited and imported elsewhere. The sipPassword column stays empty: passwords
 * are shown once and never exported (an import then generates new ones).
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
      rows.map((e) => [e.number, e.displayName, e.sipUsername, '', e.externalCallerId ?? '', e.classOfService, String(e.enabled)]),
      { header: true, columns: [...EXTENSION_CSV_COLUMNS] },
    );
    return { filename: `extensions-${site.code}.csv`, csv };
  }
}
