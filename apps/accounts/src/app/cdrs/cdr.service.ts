import { Injectable } from '@nestjs/common';
import type { Cdr } from '@branchline/db';
import { scopeOf, type Principal } from '../auth/principal';
import { NotFoundError } from '../common/errors';
import { pageRequest, type Page } from '../common/pagination';
import type { CdrListQuery } from './cdr.dto';
import { CdrRepository } from './cdr.repository';
import { cdrPeriod } from './date-range';

@Injectable()
export class CdrService {
  constructor(private readonly cdrs: CdrRepository) {}

  /**
   * Date-only bounds are local days where the calls were made, as the spend
   * guard counts them: the filtered site's zone, else the tenant's first site's.
   */
  async list(p: Principal, q: CdrListQuery): Promise<Page<Cdr>> {
    const { page, pageSize, sort, from, to, ...filter } = q;
    const scope = scopeOf(p);
    const timeZone = from || to ? await this.cdrs.reportingTimeZone(scope, filter.siteId) : 'UTC';
    const startedAt = cdrPeriod({ from, to }, timeZone);
    const [data, total] = await this.cdrs.list(
      scope,
      { ...filter, startedAt },
      pageRequest({ page, pageSize, sort }, [{ startedAt: 'desc' }]),
    );
    return { data, page, pageSize, total };
  }

  async get(p: Principal, id: string): Promise<Cdr> {
    const cdr = await this.cdrs.find(scopeOf(p), id);
    if (!cdr) throw new NotFoundError('CDR', id);
    return cdr;
  }
}
