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

/**
 * Why SIP digest authentication (REGISTER at the registrar, INVITE at routing, sharing one set of
 * counters: libs/sip-defence) refuses or slows someone down:
 * - `source-lockout`: too many failures from this source address, whatever the users: everything
 *   from it is refused (403 before any challenge) until `until`;
 * - `user-source-lockout`: too many failures for this user from this source: that pair is refused,
 *   the user elsewhere and the source for other users are not;
 * - `user-slowdown`: too many failures for this user from anywhere: sources that have not
 *   authenticated as it recently get its password checked at a limited rate (the rest are
 *   challenged again, after a delay); sources that have keep working as before.
 */
export type SipAuthBlockReason = 'source-lockout' | 'user-source-lockout' | 'user-slowdown';

/**
 * registration.blocked: the registrar met (set, or found set by another replica or by routing) a
 * lockout or slow-down of a REGISTER's source or user. Published once per lock, replica and 30 s,
 * not per refused REGISTER. `rate-limit` is kept for older consumers: REGISTERs over the per-source
 * rate get 503 without an event.
 */
export interface RegistrationBlockedEvent {
  event: 'registration.blocked';
  source: string;
  user?: string;
  realm?: string;
  reason: SipAuthBlockReason | 'rate-limit';
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
