import { decideDial } from './dial-decision';
import type { CalleeExtension, CallerExtension, DirectoryRepository, GatewayPeer } from '../data/directory.repository';
import type { InboundCallee } from '../invite/call-context';
import { presentedCallerId } from './caller-id';
import { planEmergency, planOutbound, type GatewayPlan } from './least-cost-gateways';
import { budgetVerdict, hasSpendLimit, spendVerdict, type SpendVerdict } from './spend-guard';
import type { SpendRepository } from '../data/spend.repository';
import type { TrunkRepository } from '../data/trunk.repository';

/** An outside call to place: the dial decision's result for it. */
export type PstnDestination = { kind: 'external'; e164: string; category: string } | { kind: 'emergency'; number: string };

/** Everything decided about an outside call before a gateway is tried. */
export interface OutsidePlan {
  kind: 'outside';
  dest: PstnDestination;
  gateways: GatewayPlan;
  /** E.164 presented in From / P-Asserted-Identity; null: anonymous. */
  callerId: string | null;
  /** Emergency calls and callers without limits: never blocked. */
  spend: SpendVerdict;
}

/**
 * What routing does with a dialed number for a caller: the one decision that
 * both the INVITE handler and `routing.explain` use. Leases (channel and site
 * limits) are not part of it: they depend on the calls up at the moment.
 */
export type CallPlan =
  | { kind: 'internal'; callee: CalleeExtension }
  | { kind: 'refused'; status: number; reason: string; dialed: RefusedNumber }
  | OutsidePlan;

/** What a refused call dialed: an outside number, an extension, or nothing that can be dialled. */
export type RefusedNumber = { kind: 'external'; e164: string; category: string } | { kind: 'extension'; number: string } | { kind: 'invalid' };

/** Why a trunk's call to a DID goes nowhere. */
export type InboundRefusal = 'unknown-number' | 'conference-room' | 'not-in-service';

/** Where a call from a trunk goes: the extension its DID rings, or why none. */
export type InboundPlan =
  | { kind: 'inbound'; did: { didNumber: string; siteId: string | null }; callee: InboundCallee }
  | { kind: 'refused'; refusal: InboundRefusal };

export class CallPlanner {
  constructor(
    private readonly directory: DirectoryRepository,
    private readonly trunks: TrunkRepository,
    private readonly spending: SpendRepository,
  ) {}

  async plan(caller: CallerExtension, dialed: string, now: Date): Promise<CallPlan> {
    const tenantId = caller.tenantId;
    const callee = /^\d+$/.test(dialed) ? await this.directory.extensionByNumber(tenantId, dialed) : null;
    const decision = decideDial(dialed, { classOfService: caller.classOfService, site: caller.site }, callee?.number ?? null);
    switch (decision.kind) {
      case 'refused': {
        const { status, reason, external } = decision;
        return { kind: 'refused', status, reason, dialed: external ? { kind: 'external', ...external } : { kind: 'invalid' } };
      }
      case 'internal': {
        const dialedExtension = { kind: 'extension', number: decision.number } as const;
        if (!callee) return { kind: 'refused', status: 404, reason: 'Not Found', dialed: dialedExtension };
        if (!callee.enabled) return { kind: 'refused', status: 404, reason: 'Extension Not In Service', dialed: dialedExtension };
        return { kind: 'internal', callee };
      }
    }
    const emergency = decision.kind === 'emergency';
    const number = decision.kind === 'emergency' ? decision.number : decision.e164;
    const planCaller = { siteId: caller.site.id, classOfService: caller.classOfService };
    const [routes, dids] = await Promise.all([
      this.trunks.routes(tenantId, number),
      caller.externalCallerId ? { extensionDid: null, siteDid: null } : this.trunks.callerDids(tenantId, caller.site.id, caller.extensionId),
    ]);
    const gateways = emergency
      ? planEmergency(routes, number, planCaller, await this.trunks.gatewaysForSite(tenantId, caller.site.id, number))
      : planOutbound(routes, number, planCaller, now);
    const callerId = presentedCallerId({ externalCallerId: caller.externalCallerId, emergencyCallerId: caller.site.emergencyCallerId, ...dids }, emergency);
    const dest: PstnDestination = decision.kind === 'emergency' ? decision : { kind: 'external', e164: decision.e164, category: decision.category };
    return { kind: 'outside', dest, gateways, callerId, spend: emergency ? { blocked: false } : await this.spendCheck(caller, now) };
  }

  /**
   * A call from a trunk to one of the tenant's DIDs (the Request-URI user, as
   * "+E.164" or the same digits without "+"): it rings the DID's extension; a
   * DID of a conference room goes nowhere until the conference service takes calls.
   */
  async inbound(gateway: GatewayPeer, number: string): Promise<InboundPlan> {
    const did = await this.trunks.did(gateway.tenantId, number);
    if (!did) return { kind: 'refused', refusal: 'unknown-number' };
    if (did.kind === 'conference') return { kind: 'refused', refusal: 'conference-room' };
    const callee = await this.directory.extensionById(gateway.tenantId, did.extensionId);
    if (!callee?.enabled) return { kind: 'refused', refusal: 'not-in-service' };
    return { kind: 'inbound', did, callee };
  }

  /** The daily limits (extension first, then site), then the site's monthly budget if it has a hard limit; both read at once. */
  private async spendCheck(caller: CallerExtension, now: Date): Promise<SpendVerdict> {
    const { tenantId, extensionId, site } = caller;
    const limits = { extension: caller.dailySpendLimit, site: site.dailySpendLimit };
    const [daily, budget] = await Promise.all([
      hasSpendLimit(limits) ? this.spending.spentToday(tenantId, extensionId, site.id, site.timeZone, now).then((spent) => spendVerdict(limits, spent)) : null,
      this.spending.siteBudget(tenantId, site.id, site.timeZone, now),
    ]);
    return daily?.blocked ? daily : budgetVerdict(budget);
  }
}
