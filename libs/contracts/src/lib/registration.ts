/** What registrar events and the registrar.lookup/list replies carry about one binding. */
export interface RegistrationView {
  tenantId: string;
  extensionId: string;
  /** The user part of the address-of-record (the extension's SIP username). */
  user: string;
  contact: string;
  source: { address: string; port: number; transport: string };
  userAgent?: string;
  expiresAt: string;
  registeredAt: string;
  registrar: string;
}

export interface RegistrationEvent {
  event: 'registration.added' | 'registration.refreshed' | 'registration.removed' | 'registration.expired';
  registration: RegistrationView;
  occurredAt: string;
}

export interface RegistrationBlockedEvent {
  event: 'registration.blocked';
  source: string;
  user?: string;
  realm?: string;
  reason: 'source-lockout' | 'user-lockout' | 'rate-limit';
  until: string;
  occurredAt: string;
}

/** registrar.lookup: where can this user of this tenant be reached? */
export interface RegistrarLookupRequest {
  tenantId: string;
  user: string;
}

/** registrar.list: current bindings of some extensions (the accounts API pages them). */
export interface RegistrarListRequest {
  tenantId: string;
  users: string[];
}
