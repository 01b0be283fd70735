/**
 * Every Redis message and event name in Branchline, in one place.
 *
 * DO NOT RENAME a value once it has shipped: other services (and other
 * versions of them during a rolling upgrade) subscribe by these strings.
 * Requests are '<domain>.<verb>', events are '<domain>.<past-participle>'.
 */
export const Events = {
  TenantCreated: 'tenant.created',
  TenantUpdated: 'tenant.updated',
  TenantDeleted: 'tenant.deleted',
  SiteCreated: 'site.created',
  SiteUpdated: 'site.updated',
  SiteDeleted: 'site.deleted',
  ExtensionCreated: 'extension.created',
  ExtensionUpdated: 'extension.updated',
  ExtensionDeleted: 'extension.deleted',
  ExtensionPasswordReset: 'extension.password-reset',
  ExtensionsImported: 'extensions.imported',
  UserCreated: 'user.created',
  UserUpdated: 'user.updated',
  UserDeleted: 'user.deleted',
  /** Too many failed logins: the account is refused for a while (login throttle). */
  UserLockedOut: 'user.locked-out',
  ApiKeyCreated: 'api-key.created',
  ApiKeyRevoked: 'api-key.revoked',
  GatewayCreated: 'gateway.created',
  GatewayUpdated: 'gateway.updated',
  GatewayDeleted: 'gateway.deleted',
  RateDeckCreated: 'rate-deck.created',
  RateDeckUpdated: 'rate-deck.updated',
  RateDeckDeleted: 'rate-deck.deleted',
  RateCreated: 'rate.created',
  RateUpdated: 'rate.updated',
  RateDeleted: 'rate.deleted',
  RouteCreated: 'route.created',
  RouteUpdated: 'route.updated',
  RouteDeleted: 'route.deleted',
  DidCreated: 'did.created',
  DidUpdated: 'did.updated',
  DidDeleted: 'did.deleted',
  ConferenceRoomCreated: 'conference-room.created',
  ConferenceRoomUpdated: 'conference-room.updated',
  ConferenceRoomDeleted: 'conference-room.deleted',
  BudgetCreated: 'budget.created',
  BudgetUpdated: 'budget.updated',
  BudgetDeleted: 'budget.deleted',
  /** A carrier's file was reconciled with the calls through one of its gateways; data: ReconciliationCreatedData. */
  ReconciliationCreated: 'reconciliation.created',
  /**
   * A month's spending of a site or cost centre reached one of its budget's thresholds (80 %, 100 %, ...):
   * once per budget and threshold. The spelling is the one issue 17 gave its consumers.
   */
  BudgetThresholdCrossed: 'budget.threshold_crossed',
  RegistrationAdded: 'registration.added',
  RegistrationRefreshed: 'registration.refreshed',
  RegistrationRemoved: 'registration.removed',
  RegistrationExpired: 'registration.expired',
  RegistrationBlocked: 'registration.blocked',
  CallStarted: 'call.started',
  CallAnswered: 'call.answered',
  CallEnded: 'call.ended',
  CallBlocked: 'call.blocked',
  /** INVITE digest authentication locked out or slowed a source or user (brute-force defence, shared with REGISTER). */
  CallerBlocked: 'caller.blocked',
} as const;
export type EventName = (typeof Events)[keyof typeof Events];

/** Request/response message patterns (Nest microservices over Redis). */
export const Requests = {
  RegistrarLookup: 'registrar.lookup',
  RegistrarList: 'registrar.list',
  RoutingExplain: 'routing.explain',
} as const;
export type RequestName = (typeof Requests)[keyof typeof Requests];
