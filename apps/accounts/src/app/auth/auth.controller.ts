import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from '../common/zod-dto';
import { z } from 'zod';
import { Allow, CurrentPrincipal, Public, type Principal } from './principal';
import { Permission, ROLE_PERMISSIONS } from './permissions';
import { AuthService } from './auth.service';

class LoginDto extends createZodDto(
  z.object({ email: z.email({ error: 'must be an e-mail address' }), password: z.string().min(1).max(200) }).strict(),
) {}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange e-mail and password for a JWT access token' })
  login(@Body() body: LoginDto) {
    return this.auth.login(body.email, body.password);
  }

  @Get('me')
  @Allow(Permission.TenantRead)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who am I: tenant, role, sites and permissions of the caller' })
  me(@CurrentPrincipal() p: Principal) {
    return { ...p, permissions: [...ROLE_PERMISSIONS[p.role]] };
  }
}
