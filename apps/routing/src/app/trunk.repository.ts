import type { PrismaService } from '@branchline/db';
import type { PricedGateway, RouteWithGateways, TrunkGateway } from './gateway-plan';

/** Where an inbound DID rings. */
export type DidTarget =
  | { kind: 'extension'; didNumber: string; siteId: string | null; extensionId: string }
  | { kind: 'conference'; didNumber: string; siteId: string | null; conferenceRoomId: string };

/** Every prefix of the number's digits: the only rate lines that could price it. */
function prefixesOf(number: string): string[] {
  const digits = number.replace(/^\+/, '');
  return Array.from({ length: Math.min(digits.length, 15) }, (_, i) => digits.slice(0, i + 1));
}

const gatewaySelect = (prefixes: string[]) =>
  ({
    id: true,
    name: true,
    host: true,
    port: true,
    transport: true,
    username: true,
    passwordEnc: true,
    stripDigits: true,
    prependDigits: true,
    e164Plus: true,
    maxChannels: true,
    siteId: true,
    enabled: true,
    rateDecks: {
      select: {
        id: true,
        currency: true,
        rates: {
          where: { prefix: { in: prefixes } },
          select: { prefix: true, description: true, connectFee: true, pricePerMinute: true, initialIncrement: true, subsequentIncrement: true, validFrom: true },
        },
      },
    },
  }) as const;

type GatewayRow = {
  rateDecks: Array<{
    id: string;
    currency: string;
    rates: Array<{
      prefix: string;
      description: string;
      connectFee: { toFixed(dp: number): string };
      pricePerMinute: { toFixed(dp: number): string };
      initialIncrement: number;
      subsequentIncrement: number;
      validFrom: Date;
    }>;
  }>;
} & TrunkGateway;

function priced(row: GatewayRow): PricedGateway {
  const { rateDecks, ...gateway } = row;
  return {
    gateway,
    rates: rateDecks.flatMap((d) =>
      d.rates.map((r) => ({
        rateDeckId: d.id,
        currency: d.currency,
        prefix: r.prefix,
        description: r.description,
        // Five decimals, the scale of the columns: what libs/rating parses exactly.
        connectFee: r.connectFee.toFixed(5),
        pricePerMinute: r.pricePerMinute.toFixed(5),
        initialIncrement: r.initialIncrement,
        subsequentIncrement: r.subsequentIncrement,
        validFrom: r.validFrom,
      })),
    ),
  };
}

/**
 * Reads what accounts owns about trunks: outbound routes with their gateways
 * and the rate lines that could price a number, DIDs, and caller IDs. Every
 * method takes the tenant id.
 */
export class TrunkRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The tenant's enabled outbound routes, each gateway with only the rate lines for prefixes of `number`. */
  async routes(tenantId: string, number: string): Promise<RouteWithGateways[]> {
    const prefixes = prefixesOf(number);
    const rows = await this.prisma.outboundRoute.findMany({
      where: { tenantId, enabled: true },
      select: {
        id: true,
        name: true,
        pattern: true,
        priority: true,
        requiredClassOfService: true,
        isEmergency: true,
        siteId: true,
        enabled: true,
        gateways: { orderBy: { position: 'asc' }, select: { position: true, gateway: { select: gatewaySelect(prefixes) } } },
      },
    });
    return rows.map(({ gateways, ...route }) => ({
      ...route,
      gateways: gateways.map((g) => ({ position: g.position, ...priced(g.gateway) })),
    }));
  }

  /** The tenant's enabled gateways serving this site or every site: the emergency fallback. */
  async gatewaysForSite(tenantId: string, siteId: string, number: string): Promise<PricedGateway[]> {
    const rows = await this.prisma.gateway.findMany({
      where: { tenantId, enabled: true, OR: [{ siteId }, { siteId: null }] },
      select: gatewaySelect(prefixesOf(number)),
      orderBy: { createdAt: 'asc' },
    });
    return rows.map(priced);
  }

  /** A DID ringing this extension, else the site's first DID (lowest number). */
  async callerDids(tenantId: string, siteId: string, extensionId: string): Promise<{ extensionDid: string | null; siteDid: string | null }> {
    const [own, site] = await Promise.all([
      this.prisma.did.findFirst({ where: { tenantId, extensionId }, select: { number: true }, orderBy: { number: 'asc' } }),
      this.prisma.did.findFirst({ where: { tenantId, siteId }, select: { number: true }, orderBy: { number: 'asc' } }),
    ]);
    return { extensionDid: own?.number ?? null, siteDid: site?.number ?? null };
  }

  /** The tenant's DID a gateway's Request-URI user names: "+E.164", or the same digits without "+". */
  async did(tenantId: string, user: string): Promise<DidTarget | null> {
    if (!/^\+?\d{3,15}$/.test(user)) return null;
    const number = user.startsWith('+') ? user : `+${user}`;
    const d = await this.prisma.did.findFirst({
      where: { tenantId, number },
      select: { number: true, siteId: true, extensionId: true, conferenceRoomId: true },
    });
    if (!d) return null;
    if (d.extensionId) return { kind: 'extension', didNumber: d.number, siteId: d.siteId, extensionId: d.extensionId };
    if (d.conferenceRoomId) return { kind: 'conference', didNumber: d.number, siteId: d.siteId, conferenceRoomId: d.conferenceRoomId };
    return null;
  }
}
