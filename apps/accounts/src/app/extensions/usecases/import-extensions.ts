import { Inject, Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { Events } from '@branchline/contracts';
import { ACCOUNTS_CONFIG, type AccountsConfig } from '../../accounts.config';
import { scopeOf } from '../../auth/principal';
import { MutationService, type MutationContext } from '../../audit/mutation.service';
import { restoreCsvFormula } from '../../common/csv-formula';
import { NotFoundError, PayloadTooLargeError, ValidationError } from '../../common/errors';
import { assertSiteWritable } from '../../common/scope';
import { SiteRepository } from '../../sites/site.repository';
import { extensionFields } from '../extension.dto';
import { ExtensionRepository, type NewExtension } from '../extension.repository';
import { numberInRange, rangeReason } from '../extension.service';
import { SipCredentialService } from '../sip-credentials';
import { EXTENSION_CSV_COLUMNS } from './extension-csv';

/** A CSV cell is text; empty cells mean "not given". */
const csvRowSchema = z
  .object({
    ...extensionFields,
    enabled: z
      .enum(['true', 'false', 'yes', 'no', '1', '0'], { error: 'must be true or false' })
      .transform((v) => ['true', 'yes', '1'].includes(v))
      .default(true),
  })
  .strict();

export interface RowError {
  /** 1-based data row (the header is row 0), as a spreadsheet user counts. */
  row: number;
  field: string;
  reason: string;
}

export interface ImportReport {
  dryRun: boolean;
  siteId: string;
  rows: number;
  valid: boolean;
  errors: RowError[];
  imported: number;
  /** Generated passwords, shown once: the only time they can be read. */
  credentials?: Array<{ number: string; sipUsername: string; sipPassword: string }>;
}

const MAX_REPORTED_ERRORS = 1000;

/**
 * Bulk import of one site's extensions from CSV. Every row is checked (format,
 * site range, duplicates inside the file and against the tenant) before
 * anything is written; a real import then writes all rows in one transaction
 * or none.
 */
@Injectable()
export class ImportExtensions {
  constructor(
    private readonly extensions: ExtensionRepository,
    private readonly sites: SiteRepository,
    private readonly credentials: SipCredentialService,
    private readonly mutations: MutationService,
    @Inject(ACCOUNTS_CONFIG) private readonly config: AccountsConfig,
  ) {}

  async execute(ctx: MutationContext, siteId: string, csv: string, dryRun: boolean): Promise<ImportReport> {
    const scope = scopeOf(ctx.principal);
    assertSiteWritable(scope, siteId);
    const site = await this.sites.find(scope, siteId);
    if (!site) throw new NotFoundError('Site', siteId);

    const records = this.parse(csv);
    const errors: RowError[] = [];
    const rows: Array<z.infer<typeof csvRowSchema> & { sipUsername: string }> = [];
    const seenNumbers = new Map<string, number>();
    const seenUsers = new Map<string, number>();

    records.forEach((record, i) => {
      const row = i + 1;
      // An export puts an apostrophe before cells a spreadsheet would run as formulas; it is not part of the value.
      const cleaned = Object.fromEntries(Object.entries(record).filter(([, v]) => v !== '').map(([k, v]) => [k, restoreCsvFormula(v)]));
      const parsed = csvRowSchema.safeParse(cleaned);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) errors.push({ row, field: String(issue.path[0] ?? '(row)'), reason: issue.message });
        return;
      }
      const r = { ...parsed.data, sipUsername: parsed.data.sipUsername ?? parsed.data.number };
      if (!numberInRange(site, r.number)) errors.push({ row, field: 'number', reason: rangeReason(site) });
      const dupNumber = seenNumbers.get(r.number);
      if (dupNumber) errors.push({ row, field: 'number', reason: `duplicates row ${dupNumber}` });
      else seenNumbers.set(r.number, row);
      const dupUser = seenUsers.get(r.sipUsername);
      if (dupUser) errors.push({ row, field: 'sipUsername', reason: `duplicates row ${dupUser}` });
      else seenUsers.set(r.sipUsername, row);
      rows.push(r);
    });

    const [takenNumbers, takenUsers] = await Promise.all([
      this.extensions.takenNumbers(scope.tenantId, [...seenNumbers.keys()]),
      this.extensions.takenUsernames(scope.tenantId, [...seenUsers.keys()]),
    ]);
    for (const [number, row] of seenNumbers) {
      if (takenNumbers.has(number)) errors.push({ row, field: 'number', reason: `${number} is already in use` });
    }
    for (const [user, row] of seenUsers) {
      if (takenUsers.has(user)) errors.push({ row, field: 'sipUsername', reason: `${user} is already in use` });
    }
    errors.sort((a, b) => a.row - b.row);

    const report: ImportReport = {
      dryRun,
      siteId,
      rows: records.length,
      valid: errors.length === 0,
      errors: errors.slice(0, MAX_REPORTED_ERRORS),
      imported: 0,
    };
    if (dryRun) return report;
    if (errors.length) {
      throw new ValidationError(
        errors.slice(0, MAX_REPORTED_ERRORS).map((e) => ({ name: `row ${e.row}: ${e.field}`, reason: e.reason })),
        `${errors.length} problem(s) in the CSV; nothing was imported`,
      );
    }

    const result = await this.mutations.run(
      ctx,
      async (tx) => {
        const realm = await this.extensions.realm(tx, scope.tenantId);
        const generated: NonNullable<ImportReport['credentials']> = [];
        const data: NewExtension[] = rows.map((r) => {
          const { password, ...creds } = this.credentials.make(r.sipUsername, realm, r.sipPassword);
          if (!r.sipPassword) generated.push({ number: r.number, sipUsername: r.sipUsername, sipPassword: password });
          const { sipPassword: _pw, ...fields } = r;
          return { ...fields, siteId, ...creds };
        });
        // Uniqueness was checked above, but the unique indexes still guard against a concurrent import.
        const created = await this.extensions.createMany(tx, scope.tenantId, data);
        return {
          result: { ...report, imported: created.length, credentials: generated },
          changes: [
            {
              action: Events.ExtensionsImported,
              entityType: 'site',
              entityId: siteId,
              before: null,
              after: { siteId, count: created.length, extensionIds: created.map((e) => e.id), numbers: created.map((e) => e.number) },
            },
          ],
        };
      },
      { timeoutMs: 60_000 },
    );
    if (result.imported >= 1000) await this.extensions.refreshStatistics();
    return result;
  }

  private parse(csv: string): Array<Record<string, string>> {
    let records: Array<Record<string, string>>;
    try {
      records = parse(csv, {
        columns: (header: string[]) => {
          const unknown = header.filter((h) => !(EXTENSION_CSV_COLUMNS as readonly string[]).includes(h));
          if (unknown.length) throw new Error(`unknown column(s) ${unknown.join(', ')}; expected ${EXTENSION_CSV_COLUMNS.join(',')}`);
          if (!header.includes('number') || !header.includes('displayName')) throw new Error('the number and displayName columns are required');
          return header;
        },
        skip_empty_lines: true,
        trim: true,
        bom: true,
        max_record_size: 4096,
      });
    } catch (e) {
      throw ValidationError.field('(csv)', (e as Error).message);
    }
    if (records.length === 0) throw ValidationError.field('(csv)', 'has no data rows');
    if (records.length > this.config.IMPORT_MAX_ROWS) {
      throw new PayloadTooLargeError(`At most ${this.config.IMPORT_MAX_ROWS} rows per import; this file has ${records.length}`);
    }
    return records;
  }
}
