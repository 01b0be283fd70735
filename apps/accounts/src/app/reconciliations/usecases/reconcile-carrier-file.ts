import { Inject, Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { Events, type ReconciliationCreatedData } from '@branchline/contracts';
import { numberingPlan } from '@branchline/dialplan';
import {
  CarrierMappingError,
  carrierNumberDigits,
  e164Digits,
  readCarrierCalls,
  reconcile,
  resolveColumns,
  rowsOutsidePeriod,
  type CarrierFormat,
  type OurCall,
  type ReconciledRow,
} from '@branchline/reconciliation';
import { CALLING_CODES } from '@branchline/reports';
import { ACCOUNTS_CONFIG, type AccountsConfig } from '../../accounts.config';
import { scopeOf, type Principal } from '../../auth/principal';
import { MutationService, type MutationContext } from '../../audit/mutation.service';
import { NotFoundError, PayloadTooLargeError, ValidationError, type InvalidParam } from '../../common/errors';
import { cdrPeriod } from '../../cdrs/date-range';
import { CdrRepository } from '../../cdrs/cdr.repository';
import { DELIMITERS, type ReconcileOptions, type ReconciliationView } from '../reconciliation.dto';
import { ReconciliationRepository, type AnsweredCall, type NewReconciliationRow } from '../reconciliation.repository';
import { dbStatus, reconciliationView } from '../reconciliation.view';

const MAX_REPORTED_ERRORS = 1000;

function rowOf(r: ReconciledRow, position: number): NewReconciliationRow {
  const ours = r.ours as (OurCall & { callId?: string }) | null;
  return {
    position,
    status: dbStatus(r.status),
    number: (r.ours ?? r.theirs)?.number ?? '',
    cdrId: ours?.id ?? null,
    callId: ours?.callId ?? null,
    ourStart: ours ? new Date(ours.start) : null,
    ourDurationSec: ours?.durationSec ?? null,
    ourCost: ours?.cost ?? null,
    carrierRow: r.theirs?.row ?? null,
    carrierReference: r.theirs?.reference ?? null,
    carrierStart: r.theirs ? new Date(r.theirs.start) : null,
    carrierDurationMs: r.theirs?.durationMs ?? null,
    carrierCharge: r.theirs?.charge ?? null,
    startDifferenceMs: r.startDifferenceMs,
    durationDifferenceMs: r.durationDifferenceMs,
    priceDifference: r.priceDifference,
  };
}

/**
 * Reconciles a carrier's CSV with our answered calls through one gateway over
 * a period, and keeps the result: the file is read whole first (every bad row
 * is named in one 422), then matched (libs/reconciliation), then stored with
 * its rows and an audit entry in one transaction.
 */
@Injectable()
export class ReconcileCarrierFile {
  constructor(
    private readonly repository: ReconciliationRepository,
    private readonly cdrs: CdrRepository,
    private readonly mutations: MutationService,
    @Inject(ACCOUNTS_CONFIG) private readonly config: AccountsConfig,
  ) {}

  async execute(ctx: MutationContext, o: ReconcileOptions, csv: string): Promise<ReconciliationView> {
    const scope = scopeOf(ctx.principal);
    const gateway = await this.repository.gateway(scope, o.gatewayId);
    if (!gateway) throw new NotFoundError('Gateway', o.gatewayId);
    const period = await this.period(ctx.principal, o);
    const country = await this.repository.numberingCountry(scope, gateway.siteId);
    const format = this.format(o, country);
    const theirs = this.carrierCalls(csv, o, format);
    const outside = rowsOutsidePeriod(theirs, { period, startToleranceSec: o.startToleranceSec });
    if (outside.length) {
      throw new ValidationError(
        outside.slice(0, MAX_REPORTED_ERRORS).map((t) => ({ name: `row ${t.row}: start`, reason: `${new Date(t.start).toISOString()} is outside the period (check from, to and timeZone)` })),
        `${outside.length} row(s) start outside the period ${new Date(period.from).toISOString()} – ${new Date(period.to).toISOString()}`,
      );
    }
    const margin = o.startToleranceSec * 1000;
    const answered = await this.repository.answeredCalls(scope, gateway.id, new Date(period.from - margin), new Date(period.to + margin));
    const ours = answered.map((c) => this.ourCall(c, format));
    const { rows, totals } = reconcile(ours, theirs, { ...o, period });
    const { gatewayId: _g, from: _f, to: _t, ...options } = o;

    return this.mutations.run(
      ctx,
      async (tx) => {
        const created = await this.repository.create(
          tx,
          scope,
          {
            gatewayId: gateway.id,
            gatewayName: gateway.name,
            periodFrom: new Date(period.from),
            periodTo: new Date(period.to),
            options,
            currency: country.currency,
            ourCalls: totals.ourCalls,
            carrierCalls: totals.carrierCalls,
            matched: totals.matched,
            priceDifferences: totals.priceDifferences,
            oursOnly: totals.oursOnly,
            theirsOnly: totals.theirsOnly,
            ourTotal: totals.ourTotal,
            theirTotal: totals.theirTotal,
            difference: totals.difference,
            pairedDifference: totals.pairedDifference,
            createdBy: ctx.principal.actor.label,
          },
          rows.map(rowOf),
        );
        const view = reconciliationView(created);
        const data: ReconciliationCreatedData = {
          id: view.id, gatewayId: view.gatewayId, gatewayName: view.gatewayName, periodFrom: view.from, periodTo: view.to,
          ourCalls: view.ourCalls, carrierCalls: view.carrierCalls, matched: view.matched, priceDifferences: view.priceDifferences,
          oursOnly: view.oursOnly, theirsOnly: view.theirsOnly, ourTotal: view.ourTotal, theirTotal: view.theirTotal,
          difference: view.difference, currency: view.currency,
        };
        return { result: view, changes: [{ action: Events.ReconciliationCreated, entityType: 'reconciliation', entityId: created.id, before: null, after: data }] };
      },
      { timeoutMs: 60_000 },
    );
  }

  /** Dates are local days in the tenant's reporting zone, as GET /cdrs counts them. */
  private async period(p: Principal, o: ReconcileOptions): Promise<{ from: number; to: number }> {
    const zone = await this.cdrs.reportingTimeZone(scopeOf(p));
    const { gte, lt } = cdrPeriod({ from: o.from, to: o.to }, zone);
    return { from: (gte as Date).getTime(), to: (lt as Date).getTime() };
  }

  private format(o: ReconcileOptions, country: { countryCode: string; countryCallingCode: string | null }): CarrierFormat {
    const plan = numberingPlan(country.countryCode);
    const callingCode = country.countryCallingCode ?? CALLING_CODES.find((c) => c.country === plan.countryCode)?.code ?? '';
    return {
      startFormat: o.startFormat,
      timeZone: o.timeZone,
      decimalSeparator: o.decimalSeparator,
      numbering: { countryCallingCode: callingCode, trunkPrefix: plan.trunkPrefix, internationalPrefix: plan.internationalPrefix },
    };
  }

  private ourCall(c: AnsweredCall, format: CarrierFormat): OurCall & { callId: string } {
    const number = c.normalizedNumber ? e164Digits(c.normalizedNumber) : (carrierNumberDigits(c.dialedNumber, format.numbering) ?? c.dialedNumber);
    return { id: c.id, callId: c.callId, number, start: c.answeredAt.getTime(), durationSec: c.durationSec, cost: c.cost.toFixed(5) };
  }

  private carrierCalls(csv: string, o: ReconcileOptions, format: CarrierFormat) {
    const table = this.table(csv, o);
    const header = o.header ? (table.shift() as string[]) : null;
    if (table.length === 0) throw ValidationError.field('(csv)', 'has no data rows');
    if (table.length > this.config.IMPORT_MAX_ROWS) {
      throw new PayloadTooLargeError(`At most ${this.config.IMPORT_MAX_ROWS} rows per file; this one has ${table.length}`);
    }
    const width = Math.max(...table.map((r) => r.length), header?.length ?? 0);
    let columns: ReturnType<typeof resolveColumns>;
    try {
      columns = resolveColumns({ start: o.startColumn, number: o.numberColumn, duration: o.durationColumn, charge: o.chargeColumn, reference: o.referenceColumn }, header, width);
    } catch (e) {
      if (e instanceof CarrierMappingError) throw ValidationError.field(e.parameter, e.reason);
      throw e;
    }
    const { calls, errors } = readCarrierCalls(table, columns, format);
    if (errors.length) {
      const params: InvalidParam[] = errors.slice(0, MAX_REPORTED_ERRORS).map((e) => ({ name: `row ${e.row}: ${e.field}`, reason: e.reason }));
      throw new ValidationError(params, `${errors.length} problem(s) in the carrier file; nothing was reconciled`);
    }
    return calls;
  }

  private table(csv: string, o: ReconcileOptions): string[][] {
    try {
      return parse(csv, { delimiter: DELIMITERS[o.delimiter], skip_empty_lines: true, relax_column_count: true, bom: true, max_record_size: 4096 });
    } catch (e) {
      throw ValidationError.field('(csv)', (e as Error).message);
    }
  }
}
