import type { ExplainedBilling, ExplainedGateway, RoutingExplainReply } from '@branchline/contracts';
import type { CallPlan } from './call-planner';
import type { CallerExtension } from '../data/directory.repository';

/**
 * A call plan as `routing.explain` answers it, pure. The plan is the one the
 * INVITE handler acts on, so the answer cannot drift from what a call does.
 */
const FREE_INTERNAL: ExplainedBilling = { free: true, note: 'internal calls are free' };
const FREE_EMERGENCY: ExplainedBilling = { free: true, note: 'emergency calls are free and never rated' };
const RATED: ExplainedBilling = { free: false, note: 'priced by the rate of the gateway that carries it' };

export function explainPlan(dialed: string, caller: CallerExtension, plan: CallPlan): RoutingExplainReply {
  const base = { dialed, classOfService: caller.classOfService, gateways: [] as ExplainedGateway[], callerId: null };
  switch (plan.kind) {
    case 'internal':
      return { ...base, kind: 'internal', normalised: plan.callee.number, category: 'internal', allowed: true, billing: FREE_INTERNAL };
    case 'refused':
      return explainRefusal(base, plan);
    case 'outside': {
      const { dest, gateways: g, spend } = plan;
      const head = {
        ...base,
        kind: dest.kind,
        normalised: dest.kind === 'external' ? dest.e164 : dest.number,
        category: dest.kind === 'external' ? dest.category : 'emergency',
        callerId: plan.callerId,
        billing: dest.kind === 'emergency' ? FREE_EMERGENCY : RATED,
      };
      if (g.kind === 'refused') return { ...head, allowed: false, reason: g.reason, status: g.status };
      const gateways: ExplainedGateway[] = g.attempts.map((a, i) => ({
        id: a.gateway.id,
        name: a.gateway.name,
        position: a.position,
        rate: a.rate
          ? {
              prefix: a.rate.prefix,
              description: a.rate.description,
              connectFee: a.rate.connectFee,
              pricePerMinute: a.rate.pricePerMinute,
              currency: a.rate.currency,
              initialIncrement: a.rate.initialIncrement,
              subsequentIncrement: a.rate.subsequentIncrement,
            }
          : null,
        order: i + 1,
      }));
      const route = g.routeId && g.routePattern !== null ? { route: { id: g.routeId, name: g.routeName, pattern: g.routePattern } } : {};
      if (spend.blocked) return { ...head, ...route, gateways, allowed: false, reason: spend.reason, status: 403 };
      return { ...head, ...route, gateways, allowed: true };
    }
  }
}

type ExplainBase = Pick<RoutingExplainReply, 'dialed' | 'classOfService' | 'gateways' | 'callerId'>;

/** A refused call's answer: what the dialed number was taken for decides its kind and billing. */
function explainRefusal(base: ExplainBase, plan: Extract<CallPlan, { kind: 'refused' }>): RoutingExplainReply {
  const refused = { ...base, allowed: false, reason: plan.reason, status: plan.status };
  const { dialed } = plan;
  switch (dialed.kind) {
    case 'external':
      return { ...refused, kind: 'external', normalised: dialed.e164, category: dialed.category, billing: RATED };
    case 'extension':
      return { ...refused, kind: 'internal', normalised: dialed.number, category: 'internal', billing: FREE_INTERNAL };
    case 'invalid':
      return { ...refused, kind: 'invalid', normalised: null, category: null, billing: null };
  }
}
