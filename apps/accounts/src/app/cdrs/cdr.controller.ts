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
  @ApiOperation({ summary: 'Call records with their cost (money as decimal strings); newest first by default' })
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
