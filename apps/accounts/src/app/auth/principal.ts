import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@branchline/db';
import type { Actor } from '@branchline/contracts';
import type { Scope } from '../common/scope';
import { Permission } from './permissions';

/** Who is calling, established by the AuthGuard from a JWT or an API key. */
export interface Principal {
  tenantId: string;
  role: Role;
  /** Sites a SITE_ADMIN may manage; null means every site of the tenant. */
  siteIds: string[] | null;
  actor: Actor;
}

/** The only way a Scope is made: from who is calling. */
export function scopeOf(p: Principal): Scope {
  return { tenantId: p.tenantId, siteIds: p.siteIds };
}

export interface RequestWithPrincipal {
  principal?: Principal;
  id?: string | number;
}

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<RequestWithPrincipal>();
  if (!req.principal) throw new Error('CurrentPrincipal used on a public route');
  return req.principal;
});

export const RequestId = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  const id = ctx.switchToHttp().getRequest<RequestWithPrincipal>().id;
  return id === undefined ? undefined : String(id);
});

export const PERMISSION_KEY = 'branchline:permission';
export const PUBLIC_KEY = 'branchline:public';

/** The permission a handler needs. Handlers without @Allow or @Public are refused. */
export const Allow = (permission: Permission) => SetMetadata(PERMISSION_KEY, permission);
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The caller and request id, as a mutation needs them for its audit entry. */
export const Ctx = createParamDecorator((_: unknown, ctx: ExecutionContext): { principal: Principal; requestId?: string } => {
  const req = ctx.switchToHttp().getRequest<RequestWithPrincipal>();
  if (!req.principal) throw new Error('Ctx used on a public route');
  return { principal: req.principal, ...(req.id !== undefined ? { requestId: String(req.id) } : {}) };
});
