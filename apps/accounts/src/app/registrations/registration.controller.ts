import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal, type Principal } from '../auth/principal';
import { Permission } from '../auth/permissions';
import { RegistrationListQuery, RegistrationPageDto } from './registration.dto';
import { RegistrationService } from './registration.service';

@ApiTags('registrations')
@ApiBearerAuth()
@Controller('registrations')
export class RegistrationController {
  constructor(private readonly registrations: RegistrationService) {}

  @Get()
  @Allow(Permission.RegistrationsRead)
  @ApiOperation({
    summary: 'Where phones are registered now (filter by site or extension; sorted by number)',
    description:
      'One item per binding: the Contact the phone registered, the address its REGISTER came from, its user agent and when it ' +
      'expires. Asked live from the registrar; 503 when the registrar does not answer in time.',
  })
  @ApiOkResponse({ type: RegistrationPageDto })
  @ApiServiceUnavailableResponse({ description: 'The registrar did not answer (problem+json)' })
  list(@CurrentPrincipal() p: Principal, @Query() q: RegistrationListQuery) {
    return this.registrations.list(p, q);
  }
}
