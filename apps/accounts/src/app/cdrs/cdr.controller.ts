import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal, type Principal } from '../auth/principal';
import { Permission } from '../auth/permissions';
import { IdParam } from '../common/id-param';
import { CdrDto, CdrListQuery, CdrPageDto } from './cdr.dto';
import { CdrService } from './cdr.service';

@ApiTags('cdrs')
@ApiBearerAuth()
@Controller('cdrs')
export class CdrController {
  constructor(private readonly cdrs: CdrService) {}

  @Get()
  @Allow(Permission.CdrsRead)
  @ApiOperation({
    summary: 'Call records with their cost (money as decimal strings, five places); newest first by default',
    description:
      'from/to filter on the call start. A date (2026-12-03) is a local calendar day in the time zone of the site given ' +
      "as siteId, else of the tenant's first site (UTC without sites), as routing's daily spend guard counts it; to includes " +
      'its whole day, so from=to=2026-12-03 is that day. A timestamp with Z or an offset is taken as given, to exclusive. ' +
      'A bad date or a to before from is 422 naming the parameter.',
  })
  @ApiOkResponse({ type: CdrPageDto })
  list(@CurrentPrincipal() p: Principal, @Query() q: CdrListQuery) {
    return this.cdrs.list(p, q);
  }

  @Get(':id')
  @Allow(Permission.CdrsRead)
  @ApiOkResponse({ type: CdrDto })
  get(@CurrentPrincipal() p: Principal, @Param() { id }: IdParam) {
    return this.cdrs.get(p, id);
  }
}
