import type { PrismaService } from '@branchline/db';
import type { ClassOfService } from '@branchline/dialplan';
import { DirectoryCache } from './directory-cache';

export interface TenantRealm {
  tenantId: string;
  /** The tenant's SIP domain, which is also its digest realm. */
  realm: string;
  currency: string;
}

/** A calling extension: its digest secrets and what routing needs about it and its site. */
export interface CallerExtension {
  tenantId: string;
  extensionId: string;
  number: string;
  displayName: string;
  sipUsername: string;
  ha1Md5: string;
  ha1Sha256: string;
  enabled: boolean;
  classOfService: ClassOfService;
  /** E.164 presented on this extension's outside calls, when set. */
  externalCallerId: string | null;
  site: {
    id: string;
    costCentre: string | null;
    countryCode: string;
    countryCallingCode: string;
    areaCode: string;
    outsideAccessCode: string;
    emergencyCallerId: string | null;
    maxConcurrentCalls: number | null;
    /** IANA zone: the spend guard's day starts at midnight there. */
    timeZone: string;
    /** Decimal string (2 places); null: no limit. */
    dailySpendLimit: string | null;
    maxInternationalCallSeconds: number | null;
  };
  /** Decimal string (2 places); null: no limit. */
  dailySpendLimit: string | null;
}

const CALLER_SELECT = {
  id: true,
  tenantId: true,
  number: true,
  displayName: true,
  sipUsername: true,
  ha1Md5: true,
  ha1Sha256: true,
  enabled: true,
  classOfService: true,
  externalCallerId: true,
  dailySpendLimit: true,
  site: {
    select: {
      id: true,
      costCentre: true,
      countryCode: true,
      countryCallingCode: true,
      areaCode: true,
      outsideAccessCode: true,
      emergencyCallerId: true,
      maxConcurrentCalls: true,
      timeZone: true,
      dailySpendLimit: true,
      maxInternationalCallSeconds: true,
    },
  },
} as const;

type Amount = { toFixed(dp: number): string } | null;
type CallerRow = Omit<CallerExtension, 'extensionId' | 'site' | 'dailySpendLimit'> & {
  id: string;
  dailySpendLimit: Amount;
  site: Omit<CallerExtension['site'], 'dailySpendLimit'> & { dailySpendLimit: Amount };
};

function toCaller(e: CallerRow): CallerExtension {
  const { id, site, dailySpendLimit, ...rest } = e;
  return {
    ...rest,
    extensionId: id,
    dailySpendLimit: dailySpendLimit?.toFixed(2) ?? null,
    site: { ...site, dailySpendLimit: site.dailySpendLimit?.toFixed(2) ?? null },
  };
}

export interface CalleeExtension {
  extensionId: string;
  number: string;
  sipUsername: string;
  enabled: boolean;
  siteId: string;
}

export interface GatewayPeer {
  tenantId: string;
  gatewayId: string;
  name: string;
  /** The tenant's currency (inbound CDRs cost 0 in it). */
  currency: string;
}

/**
 * Reads the tenant directory (tenants, extensions, sites, gateways) that
 * accounts owns. The only routing code that touches Prisma for it; every
 * method takes the tenant id or the realm. Answers come through the
 * directory cache (see DirectoryCache): treat them as read-only.
 */
export class DirectoryRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly cache = new DirectoryCache(0),
  ) {}

  realm(domain: string): Promise<TenantRealm | null> {
    return this.cache.get(`realm:${domain}`, async () => {
      const t = await this.prisma.tenant.findUnique({ where: { sipDomain: domain }, select: { id: true, sipDomain: true, currency: true } });
      return t ? { tenantId: t.id, realm: t.sipDomain, currency: t.currency } : null;
    });
  }

  caller(realm: TenantRealm, sipUsername: string): Promise<CallerExtension | null> {
    return this.cache.get(`caller:${realm.tenantId}:${sipUsername}`, async () => {
      const e = await this.prisma.extension.findUnique({
        where: { tenantId_sipUsername: { tenantId: realm.tenantId, sipUsername } },
        select: CALLER_SELECT,
      });
      return e ? toCaller(e) : null;
    });
  }

  /** An extension of the tenant as a caller (what routing.explain asks about). */
  async callerById(tenantId: string, extensionId: string): Promise<CallerExtension | null> {
    const e = await this.prisma.extension.findFirst({ where: { tenantId, id: extensionId }, select: CALLER_SELECT });
    return e ? toCaller(e) : null;
  }

  /** The extension with this number in the tenant (extension numbers are tenant-wide). */
  extensionByNumber(tenantId: string, number: string): Promise<CalleeExtension | null> {
    return this.cache.get(`ext:${tenantId}:${number}`, async () => {
      const e = await this.prisma.extension.findUnique({
        where: { tenantId_number: { tenantId, number } },
        select: { id: true, number: true, sipUsername: true, enabled: true, siteId: true },
      });
      return e ? { extensionId: e.id, number: e.number, sipUsername: e.sipUsername, enabled: e.enabled, siteId: e.siteId } : null;
    });
  }

  /** The extension a DID rings, with its site's cost centre (inbound calls are charged to it). */
  extensionById(tenantId: string, id: string): Promise<(CalleeExtension & { costCentre: string | null }) | null> {
    return this.cache.get(`ext-id:${tenantId}:${id}`, async () => {
      const e = await this.prisma.extension.findFirst({
        where: { tenantId, id },
        select: { id: true, number: true, sipUsername: true, enabled: true, siteId: true, site: { select: { costCentre: true } } },
      });
      return e
        ? { extensionId: e.id, number: e.number, sipUsername: e.sipUsername, enabled: e.enabled, siteId: e.siteId, costCentre: e.site.costCentre }
        : null;
    });
  }

  /**
   * The enabled gateway sending from this address, in any tenant: a trunk is
   * recognised by where it sends from before its tenant is known, so this is
   * the one lookup that yields the tenant instead of taking it.
   */
  gatewayAt(host: string, port: number): Promise<GatewayPeer | null> {
    return this.cache.get(`gateway-at:${host}:${port}`, async () => {
      const g = await this.prisma.gateway.findFirst({
        where: { host, port, enabled: true },
        select: { id: true, tenantId: true, name: true, tenant: { select: { currency: true } } },
        orderBy: { createdAt: 'asc' },
      });
      return g ? { tenantId: g.tenantId, gatewayId: g.id, name: g.name, currency: g.tenant.currency } : null;
    });
  }
}
