import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from '../common/zod-dto';
import { z } from 'zod';
import { Allow, CurrentPrincipal, type Principal } from '../auth/principal';
import { Permission } from '../auth/permissions';
import { isoDateTime } from '../common/schemas';
import { listQuerySchema, pageRequest, type Page } from '../common/pagination';
import { AuditRepository } from './audit.repository';
import { ActorType, type AuditLog } from '@branchline/db';
import { idOut, pageOf, timestampOut } from '../common/responses';

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

const snapshot = () => z.object({}).catchall(z.unknown()).nullable();

class AuditPageDto extends createZodDto(
  pageOf(
    z.strictObject({
      id: idOut(),
      tenantId: idOut(),
      actorType: z.enum(ActorType),
      actorId: z.string().nullable(),
      actorLabel: z.string(),
      action: z.string().describe('The event name, e.g. extension.created'),
      entityType: z.string(),
      entityId: z.string(),
      before: snapshot().describe('The entity before the change, as the API showed it then; null on create'),
      after: snapshot().describe('The entity after the change; null on delete'),
      requestId: z.string().nullable(),
      createdAt: timestampOut(),
    }),
  ),
) {}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-log')
export class AuditController {
  constructor(private readonly audit: AuditRepository) {}

  @Get()
  @Allow(Permission.AuditRead)
  @ApiOperation({ summary: 'Who changed what: every mutation with before/after, newest first by default' })
  @ApiOkResponse({ type: AuditPageDto })
  async list(@CurrentPrincipal() p: Principal, @Query() q: AuditQuery): Promise<Page<Omit<AuditLog, 'publishedAt'>>> {
    const { page, pageSize, sort, from, to, ...rest } = q;
    const filter = { ...rest, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined };
    const [rows, total] = await this.audit.list(p.tenantId, filter, pageRequest({ page, pageSize, sort }, [{ createdAt: 'desc' }]));
    return { data: rows.map(({ publishedAt: _p, ...r }) => r), page, pageSize, total };
  }
}
