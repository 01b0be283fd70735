import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ACCOUNTS_CONFIG, type AccountsConfig } from '../accounts.config';
import { NotFoundError, UnauthorizedError } from '../common/errors';

@Injectable()
export class PlatformGuard implements CanActivate {
  constructor(@Inject(ACCOUNTS_CONFIG) private readonly config: AccountsConfig) {}

  canActivate(ctx: ExecutionContext): boolean {
    const expected = this.config.PLATFORM_TOKEN;
    // Disabled unless configured: answer as if the endpoints did not exist.
    if (!expected) throw new NotFoundError('Platform API');
    const given = ctx.switchToHttp().getRequest<{ header(n: string): string | undefined }>().header('x-platform-token') ?? '';
    const digest = (v: string) => createHash('sha256').update(v).digest();
    if (!timingSafeEqual(digest(given), digest(expected))) throw new UnauthorizedError('A valid X-Platform-Token is required');
    return true;
  }
}
