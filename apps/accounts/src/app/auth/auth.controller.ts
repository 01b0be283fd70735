import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Role } from '@branchline/db';
import { createZodDto } from '../common/zod-dto';
import { z } from 'zod';
import { clientAddressKey } from './client-address';
import { Allow, CurrentPrincipal, Public, RequestId, type Principal } from './principal';
import { Permission, ROLE_PERMISSIONS } from './permissions';
import { AuthService } from './auth.service';
import { idOut } from '../common/responses';

class LoginDto extends createZodDto(
  z.object({ email: z.email({ error: 'must be an e-mail address' }), password: z.string().min(1).max(200) }).strict(),
) {}

class TokenDto extends createZodDto(
  z.strictObject({
    accessToken: z.string().describe('Send as Authorization: Bearer <token>'),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().describe('Seconds until the token expires'),
  }),
) {}

class MeDto extends createZodDto(
  z.strictObject({
    tenantId: idOut(),
    role: z.enum(Role),
    siteIds: z.array(idOut()).nullable().describe('The sites a SITE_ADMIN manages; null: every site'),
    actor: z.strictObject({ type: z.enum(['USER', 'API_KEY', 'SYSTEM']), id: z.string().nullable(), label: z.string() }),
    permissions: z.array(z.enum(Permission)),
  }),
) {}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange e-mail and password for a JWT access token',
    description:
      'Throttled against password guessing, shared by every replica through Redis: LOGIN_MAX_FAILURES_PER_ACCOUNT (default 10) ' +
      'failed logins for one e-mail address within LOGIN_WINDOW_SECONDS (default 900, counted from the first failure) lock that ' +
      'e-mail address for LOGIN_LOCKOUT_SECONDS (default 900, at most a day); LOGIN_MAX_FAILURES_PER_ADDRESS (default 50) from one ' +
      'client address lock that address (an IPv6 client by its /64) for as long. While locked every login is answered 429 with ' +
      'Retry-After, the right password too. A successful login forgets the e-mail address\'s failures. Unknown e-mail addresses are ' +
      'counted like real ones. An account lockout is recorded in the tenant\'s audit log as user.locked-out. While Redis cannot be ' +
      'reached, each replica counts on its own.',
  })
  @ApiOkResponse({ type: TokenDto })
  @ApiUnauthorizedResponse({ description: 'E-mail or password is wrong (problem+json)' })
  @ApiTooManyRequestsResponse({
    description: 'Too many failed logins for this e-mail address or from this client address (problem+json); Retry-After says when to try again',
    headers: { 'Retry-After': { description: 'Seconds until the lock runs out', schema: { type: 'integer', minimum: 1 } } },
  })
  login(@Body() body: LoginDto, @Ip() ip: string | undefined, @RequestId() requestId: string | undefined) {
    return this.auth.login({ email: body.email, password: body.password, address: clientAddressKey(ip), requestId });
  }

  @Get('me')
  @Allow(Permission.TenantRead)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who am I: tenant, role, sites and permissions of the caller' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentPrincipal() p: Principal) {
    return { ...p, permissions: [...ROLE_PERMISSIONS[p.role]] };
  }
}
