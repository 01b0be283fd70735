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

/**
 * registrar.list: current bindings of some users of a tenant, or of every
 * registered user when `users` is omitted (the accounts API pages them).
 * At most REGISTRAR_LIST_MAX_USERS users are answered; `truncated` says so.
 */
export interface RegistrarListRequest {
  tenantId: string;
  users?: string[];
}

export interface RegistrarListReply {
  /** Sorted by user, then newest registration first. */
  registrations: RegistrationView[];
  truncated: boolean;
}

export const REGISTRAR_LIST_MAX_USERS = 5000;

/** What a registrar request answers with (as the RPC error) when its payload is malformed. */
export interface RegistrarRequestError {
  code: 'invalid-request';
  message: string;
}
