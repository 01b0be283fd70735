import type { EventName } from './message-names';

/** Who caused a change. */
export interface Actor {
  type: 'USER' | 'API_KEY' | 'SYSTEM';
  id: string | null;
  label: string;
}

/**
 * The payload of every entity lifecycle event. `data` is the entity as the
 * API returns it after the change (never secrets: no HA1, no passwords), or
 * the last state for a deletion. Consumers re-read Postgres when they need
 * more: an event is a notification, not the only copy of a fact.
 */
export interface EntityEvent<T = Record<string, unknown>> {
  event: EventName;
  tenantId: string;
  entityType: string;
  entityId: string;
  actor: Actor;
  occurredAt: string;
  requestId?: string;
  data: T;
  /** For updates: the entity before the change (e.g. a renamed SIP username). */
  previous?: T;
}

/** Extension events carry what the registrar's credential cache keys on. */
export interface ExtensionEventData extends Record<string, unknown> {
  id: string;
  siteId: string;
  number: string;
  sipUsername: string;
  enabled: boolean;
}

export interface ExtensionsImportedData extends Record<string, unknown> {
  siteId: string;
  count: number;
  extensionIds: string[];
}

/**
 * budget.threshold_crossed: what a crossing carries (the envelope's entity is the budget).
 * Exactly one of siteId and costCentre is set; money as decimal strings, five places.
 */
export interface BudgetThresholdCrossedData extends Record<string, unknown> {
  budgetId: string;
  siteId: string | null;
  costCentre: string | null;
  /** The budget's month, "2026-12". */
  month: string;
  /** The percentage of the amount that was reached, e.g. 80. */
  threshold: number;
  amount: string;
  spent: string;
  currency: string;
  /** spent / amount in percent, two decimals. */
  percentUsed: number;
}

/**
 * `data` of `reconciliation.created`: which gateway and period were
 * reconciled and what was found (counts; money as five-place decimal strings).
 */
export interface ReconciliationCreatedData extends Record<string, unknown> {
  id: string;
  gatewayId: string | null;
  gatewayName: string;
  periodFrom: string;
  periodTo: string;
  ourCalls: number;
  carrierCalls: number;
  matched: number;
  priceDifferences: number;
  oursOnly: number;
  theirsOnly: number;
  ourTotal: string;
  theirTotal: string;
  difference: string;
  currency: string;
}
