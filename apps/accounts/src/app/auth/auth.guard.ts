import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ForbiddenError, UnauthorizedError } from '../common/errors';
import { AuthService } from './auth.service';
import { Permission, roleAllows } from './permissions';
import { PERMISSION_KEY, PUBLIC_KEY, RequestWithPrincipal } from './principal';

/**
 * Global guard: authenticates every request (JWT `Authorization: Bearer`, or an
 * API key in `X-API-Key` / `Authorization: Bearer bl_...`) and checks the
 * handler's declared permission. A handler that declares none is refused, so a
 * forgotten decorator fails closed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest<Request & RequestWithPrincipal>();

    const apiKeyHeader = req.header('x-api-key');
    const authz = req.header('authorization');
    const bearer = authz?.match(/^Bearer\s+(.+)$/i)?.[1];
    if (apiKeyHeader) req.principal = await this.auth.principalFromApiKey(apiKeyHeader);
    else if (bearer?.startsWith('bl_')) req.principal = await this.auth.principalFromApiKey(bearer);
    else if (bearer) req.principal = await this.auth.principalFromJwt(bearer);
    else throw new UnauthorizedError('Authentication required: send a Bearer token or an X-API-Key header');

    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    if (!permission || !roleAllows(req.principal.role, permission)) {
      throw new ForbiddenError(`Role ${req.principal.role} may not ${permission ?? 'use this endpoint'}`);
    }
    return true;
  }
}
