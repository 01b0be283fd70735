import { ForbiddenError } from './errors';

/**
 * The tenant and site limits every repository call carries. Built only from
 * a Principal (scopeOf in auth/principal), so a handler cannot forget to
 * scope a query. It lives here, not in auth/, so that repositories and these
 * helpers need nothing from the auth layer.
 */
export interface Scope {
  tenantId: string;
  siteIds: string[] | null;
}

/** Prisma `where` fragment limiting site-owned rows to the caller's sites. */
export function siteFilter(scope: Scope): { siteId?: { in: string[] } } {
  return scope.siteIds ? { siteId: { in: scope.siteIds } } : {};
}

/** Writes into a site outside a SITE_ADMIN's sites are refused. */
export function assertSiteWritable(scope: Scope, siteId: string | null | undefined): void {
  if (scope.siteIds && (!siteId || !scope.siteIds.includes(siteId))) {
    throw new ForbiddenError('You may only manage resources of the sites assigned to you');
  }
}

export function inScope(scope: Scope, siteId: string | null | undefined): boolean {
  return !scope.siteIds || (!!siteId && scope.siteIds.includes(siteId));
}
