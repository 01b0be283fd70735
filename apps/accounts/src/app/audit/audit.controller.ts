import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from '../common/zod-dto';
import { z } from 'zod';
import { Allow, CurrentPrincipal, type Principal } from '../auth/principal';
import { Permission } from '../auth/permissions';
import { isoDateTime } from '../common/schemas';
import { listQuerySchema, pageRequest, type Page } from '../common/pagination';
import { AuditRepository } from './audit.repository';
import type { AuditLog } from '@branchline/db';

class AuditQuery extends createZodDto(
  listQuerySchema(['createdAt', 'action', 'entityType'], {
    entityType: z.string().max(50).optional(),
    entityId: z.string().max(64).optional(),
    action: z.string().max(64).optional(),
    actorId: z.string().max(64).optional(),
    from: isoDateTime().optional(),
    to: isoDateTime().optional(),
  }),
) {}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-log')
export class AuditController {
  constructor(private readonly audit: AuditRepository) {}

  @Get()
  @Allow(Permission.AuditRead)
  @ApiOperation({ summary: 'Who changed what: every mutation with before/after, newest first by default' })
  async list(@CurrentPrincipal() p: Principal, @Query() q: AuditQuery): Promise<Page<Omit<AuditLog, 'publishedAt'>>> {
    const { page, pageSize, sort, from, to, ...rest } = q;
    const filter = { ...rest, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined };
    const [rows, total] = await this.audit.list(p.tenantId, filter, pageRequest({ page, pageSize, sort }, [{ createdAt: 'desc' }]));
    return { data: rows.map(({ publishedAt: _p, ...r }) => r), page, pageSize, total };
  }
}
