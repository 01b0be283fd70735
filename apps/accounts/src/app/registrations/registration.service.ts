import { Injectable } from '@nestjs/common';
import type { RegistrationView } from '@branchline/contracts';
import { scopeOf, type Principal } from '../auth/principal';
import { NotFoundError } from '../common/errors';
import type { Registration, RegistrationListQuery, RegistrationPage } from './registration.dto';
import { RegistrationRepository, type RegisteredExtension } from './registration.repository';
import { RegistrarClient } from './registrar.client';

type SortField = 'number' | 'registeredAt' | 'expiresAt';

/** `-expiresAt,number` → one comparator; the contact breaks ties so pages are stable. */
export function compareRegistrations(sort = 'number,-registeredAt'): (a: Registration, b: Registration) => number {
  const keys = sort.split(',').map((p) => ({ field: p.replace(/^-/, '') as SortField, dir: p.startsWith('-') ? -1 : 1 }));
  return (a, b) => {
    for (const { field, dir } of keys) {
      if (a[field] !== b[field]) return a[field] < b[field] ? -dir : dir;
    }
    return a.contact < b.contact ? -1 : a.contact > b.contact ? 1 : 0;
  };
}

export function toRegistration(r: RegistrationView, ext: RegisteredExtension, now: number): Registration {
  return {
    extensionId: ext.id,
    number: ext.number,
    displayName: ext.displayName,
    siteId: ext.siteId,
    siteCode: ext.site.code,
    user: r.user,
    contact: r.contact,
    source: r.source,
    userAgent: r.userAgent ?? null,
    expiresAt: r.expiresAt,
    expiresInSeconds: Math.max(0, Math.round((Date.parse(r.expiresAt) - now) / 1000)),
    registeredAt: r.registeredAt,
    registrar: r.registrar,
  };
}

/**
 * Where the tenant's phones are registered. The registrar owns the bindings
 * (Redis); this joins them to the extensions the caller may see, so a
 * SITE_ADMIN only ever sees its own sites' phones.
 */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly repo: RegistrationRepository,
    private readonly registrar: RegistrarClient,
  ) {}

  async list(p: Principal, q: RegistrationListQuery): Promise<RegistrationPage> {
    const scope = scopeOf(p);
    const { page, pageSize, sort, siteId, extensionId } = q;
    if (siteId && !(await this.repo.siteExists(scope, siteId))) throw new NotFoundError('Site', siteId);
    let users: string[] | undefined;
    if (extensionId) {
      const ext = await this.repo.findExtension(scope, extensionId);
      if (!ext) throw new NotFoundError('Extension', extensionId);
      users = [ext.sipUsername];
    }
    // One extension asks for its user only; otherwise the registrar lists the tenant's registered users.
    const reply = await this.registrar.list(scope.tenantId, users);
    const extensions = await this.repo.byUsernames(scope, [...new Set(reply.registrations.map((r) => r.user))], { siteId, extensionId });
    const byUser = new Map(extensions.map((e) => [e.sipUsername, e]));
    const now = Date.now();
    const all = reply.registrations.flatMap((r) => {
      const ext = byUser.get(r.user);
      return ext ? [toRegistration(r, ext, now)] : [];
    });
    all.sort(compareRegistrations(sort));
    return { data: all.slice((page - 1) * pageSize, page * pageSize), page, pageSize, total: all.length, truncated: reply.truncated };
  }
}
