import { Prisma } from '@branchline/db';
import { ConflictError, DomainError, NotFoundError, ValidationError } from './errors';

const COLUMN_TO_FIELD: Record<string, string> = {
  number: 'number',
  sip_username: 'sipUsername',
  name: 'name',
  code: 'code',
  email: 'email',
  key_hash: 'key',
  sip_domain: 'sipDomain',
  slug: 'slug',
  prefix: 'prefix',
  position: 'position',
  site_id: 'siteId',
  cost_centre: 'costCentre',
};

function constraintFields(e: Prisma.PrismaClientKnownRequestError): string[] {
  const meta = e.meta as
    | { target?: string[] | string; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } }
    | undefined;
  const raw = meta?.driverAdapterError?.cause?.constraint?.fields ?? meta?.target ?? [];
  return (Array.isArray(raw) ? raw : [raw])
    .map((f) => f.replace(/"/g, ''))
    .filter((f) => f !== 'tenant_id' && f !== 'tenantId')
    .map((f) => COLUMN_TO_FIELD[f] ?? f);
}

/**
 * Constraint violations the database caught (races between two requests
 * included) become the same domain errors a service would have thrown.
 */
export function prismaErrorToDomain(e: unknown): DomainError | undefined {
  if (!(e instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  switch (e.code) {
    case 'P2002': {
      const fields = constraintFields(e);
      return new ConflictError(
        `A resource with the same ${fields.join(', ') || 'key'} already exists`,
        fields.map((name) => ({ name, reason: 'must be unique' })),
      );
    }
    case 'P2003':
      return new ConflictError('The resource is still referenced by another resource, or references one that does not exist');
    case 'P2010': {
      // Raw statements (the bulk import) report the Postgres SQLSTATE instead.
      const meta = e.meta as { code?: string; driverAdapterError?: { cause?: { originalCode?: string; kind?: string } } } | undefined;
      const state = meta?.code ?? meta?.driverAdapterError?.cause?.originalCode;
      const kind = meta?.driverAdapterError?.cause?.kind;
      if (state === '23505' || kind === 'UniqueConstraintViolation') return new ConflictError('A row with the same unique key already exists');
      return undefined;
    }
    case 'P2025':
      return new NotFoundError('Resource');
    case 'P2000':
      return ValidationError.field(constraintFields(e)[0] ?? '(body)', 'is too long');
    default:
      return undefined;
  }
}
