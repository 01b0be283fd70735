import type { Role } from '@branchline/db';

/**
 * What each role may do, in one table. Handlers declare the permission they
 * need with @Allow(); SITE_ADMIN is further limited to its sites by the
 * services (see Scope).
 */
export enum Permission {
  TenantRead = 'tenant:read',
  TenantWrite = 'tenant:write',
  SitesRead = 'sites:read',
  SitesCreate = 'sites:create',
  SitesUpdate = 'sites:update',
  SitesDelete = 'sites:delete',
  ExtensionsRead = 'extensions:read',
  ExtensionsWrite = 'extensions:write',
  /** Where phones are registered now (live state from the registrar). */
  RegistrationsRead = 'registrations:read',
  UsersManage = 'users:manage',
  ApiKeysManage = 'api-keys:manage',
  GatewaysRead = 'gateways:read',
  GatewaysWrite = 'gateways:write',
  RatesRead = 'rates:read',
  RatesWrite = 'rates:write',
  RoutesRead = 'routes:read',
  RoutesWrite = 'routes:write',
  DidsRead = 'dids:read',
  DidsWrite = 'dids:write',
  ConferenceRoomsRead = 'conference-rooms:read',
  ConferenceRoomsWrite = 'conference-rooms:write',
  CdrsRead = 'cdrs:read',
  /** Call-charge reports: sums, top lists, drill-down and their exports. */
  ReportsRead = 'reports:read',
  /** Monthly budgets and budget vs actual (a SITE_ADMIN its sites' only). */
  BudgetsRead = 'budgets:read',
  BudgetsWrite = 'budgets:write',
  /** Carrier reconciliations: their results (read) and reconciling a carrier's file (write). Tenant-wide, as gateways are. */
  ReconciliationsRead = 'reconciliations:read',
  ReconciliationsWrite = 'reconciliations:write',
  /** Ask what a dialed number would do from an extension (routing's decision, read-only). */
  DialplanExplain = 'dialplan:explain',
  AuditRead = 'audit:read',
}

const P = Permission;
const EVERYTHING = Object.values(Permission);
const CONFIG_READ = [P.TenantRead, P.SitesRead, P.ExtensionsRead, P.GatewaysRead, P.RatesRead, P.RoutesRead, P.DidsRead, P.ConferenceRoomsRead];
// Whoever may read the dial plan's parts may ask what they make of a number; SITE_ADMIN for its own sites' extensions.
const DIALPLAN_READ = [P.DialplanExplain];
// Whoever may see the extensions may see whether their phones are registered; finance may not.
const PHONE_STATE_READ = [P.RegistrationsRead];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  ADMIN: new Set(EVERYTHING),
  // Branch IT: runs its own sites' phones, numbers and rooms; sees the rest.
  SITE_ADMIN: new Set([...CONFIG_READ, ...PHONE_STATE_READ, ...DIALPLAN_READ, P.SitesUpdate, P.ExtensionsWrite, P.DidsWrite, P.ConferenceRoomsWrite, P.CdrsRead, P.ReportsRead, P.BudgetsRead]),
  // Finance reads what calls cost and where (CDRs, rates, the structure reports group by), sets the budgets and
  // reconciles carriers' files. SITE_ADMIN does not: a gateway carries every site's calls.
  FINANCE: new Set([
    P.TenantRead, P.SitesRead, P.GatewaysRead, P.RatesRead, P.CdrsRead, P.ReportsRead, P.BudgetsRead, P.BudgetsWrite,
    P.ReconciliationsRead, P.ReconciliationsWrite,
  ]),
  VIEWER: new Set([...CONFIG_READ, ...PHONE_STATE_READ, ...DIALPLAN_READ]),
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}
