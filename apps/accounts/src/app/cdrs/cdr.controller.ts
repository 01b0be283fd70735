import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal, scopeOf, type Principal } from '../auth/principal';
import { Permission } from '../auth/permissions';
import { NotFoundError } from '../common/errors';
import { IdParam } from '../common/id-param';
import { pageRequest } from '../common/pagination';
import { CdrListQuery } from './cdr.dto';
import { CdrRepository } from './cdr.repository';

@ApiTags('cdrs')
@ApiBearerAuth()
@Controller('cdrs')
export class CdrController {
  constructor(private readonly cdrs: CdrRepository) {}

  @Get()
  @Allow(Permission.CdrsRead)
  @ApiOperation({ summary: 'Call records with their cost (money as decimal strings); newest first by default' })
  async list(@CurrentPrincipal() p: Principal, @Query() q: CdrListQuery) {
    const { page, pageSize, sort, ...filter } = q;
    const [data, total] = await this.cdrs.list(scopeOf(p), filter, pageRequest({ page, pageSize, sort }, [{ startedAt: 'desc' }]));
    return { data, page, pageSize, total };
  }

  @Get(':id')
  @Allow(Permission.CdrsRead)
  async get(@CurrentPrincipal() p: Principal, @Param() { id }: IdParam) {
    const cdr = await this.cdrs.find(scopeOf(p), id);
    if (!cdr) throw new NotFoundError('CDR', id);
    return cdr;
  }
}
