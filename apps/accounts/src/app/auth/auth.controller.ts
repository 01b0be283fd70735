import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '@branchline/db';
import { createZodDto } from '../common/zod-dto';
import { z } from 'zod';
import { Allow, CurrentPrincipal, Public, type Principal } from './principal';
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
  @ApiOperation({ summary: 'Exchange e-mail and password for a JWT access token' })
  @ApiOkResponse({ type: TokenDto })
  login(@Body() body: LoginDto) {
    return this.auth.login(body.email, body.password);
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
