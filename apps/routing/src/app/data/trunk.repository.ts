import type { Pool } from 'pg';
import type { PrismaService } from '@branchline/db';
import { DirectoryCache } from './directory-cache';
import type { PricedGateway, RouteWithGateways, TrunkGateway } from '../planning/least-cost-gateways';

/** Where an inbound DID rings. */
export type DidTarget =
  | { kind: 'extension'; didNumber: string; siteId: string | null; extensionId: string }
  | { kind: 'conference'; didNumber: string; siteId: string | null; conferenceRoomId: string };

/** Every prefix of the number's digits: the only rate lines that could price it. */
function prefixesOf(number: string): string[] {
  const digits = number.replace(/^\+/, '');
  return Array.from({ length: Math.min(digits.length, 15) }, (_, i) => digits.slice(0, i + 1));
}

/** A gateway as routes and the emergency fallback need it, with its rate decks (not their lines). */
const GATEWAY_SELECT = {
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
  rateDecks: { select: { id: true, currency: true } },
} as const;

type GatewayRow = TrunkGateway & { rateDecks: Array<{ id: string; currency: string }> };

/** One rate line as the raw query returns it; amounts as text at the columns' scale of five decimals. */
interface RateRow {
  rateDeckId: string;
  prefix: string;
  description: string;
  connectFee: string;
  pricePerMinute: string;
  initialIncrement: number;
  subsequentIncrement: number;
  validFrom: Date;
}

/** The lines of some decks ($1) whose prefix is one of $2, on the (rate_deck_id, prefix, valid_from) index. */
const RATE_LINES = `
  SELECT rate_deck_id::text AS "rateDeckId", prefix, description,
         connect_fee::text AS "connectFee", price_per_minute::text AS "pricePerMinute",
         initial_increment AS "initialIncrement", subsequent_increment AS "subsequentIncrement", valid_from AS "validFrom"
    FROM rates
   WHERE rate_deck_id = ANY($1::uuid[]) AND prefix = ANY($2::text[])`;

/** The gateway with the rate lines of its decks among `lines` (grouped by deck). */
function priced(row: GatewayRow, lines: Map<string, RateRow[]>): PricedGateway {
  const { rateDecks, ...gateway } = row;
  return {
    gateway,
    rates: rateDecks.flatMap((d) =>
      (lines.get(d.id) ?? []).map(({ rateDeckId, ...r }) => ({ rateDeckId, currency: d.currency, ...r })),
    ),
  };
}

/**
 * Reads what accounts owns about trunks: outbound routes with their gateways
 * and the rate lines that could price a number, DIDs, and caller IDs. Every
 * method takes the tenant id.
 */
export class TrunkRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly sql: Pool,
    private readonly cache = new DirectoryCache(0),
  ) {}

  /** The tenant's enabled outbound routes, each gateway with only the rate lines for prefixes of `number`. */
  async routes(tenantId: string, number: string): Promise<RouteWithGateways[]> {
    const routes = await this.cache.get(`routes:${tenantId}`, () =>
      this.prisma.outboundRoute.findMany({
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
          gateways: { orderBy: { position: 'asc' }, select: { position: true, gateway: { select: GATEWAY_SELECT } } },
        },
      }),
    );
    const lines = await this.rateLines(routes.flatMap((r) => r.gateways.flatMap((g) => g.gateway.rateDecks.map((d) => d.id))), number);
    return routes.map(({ gateways, ...route }) => ({
      ...route,
      gateways: gateways.map((g) => ({ position: g.position, ...priced(g.gateway, lines) })),
    }));
  }

  /** The tenant's enabled gateways serving this site or every site: the emergency fallback. */
  async gatewaysForSite(tenantId: string, siteId: string, number: string): Promise<PricedGateway[]> {
    const rows = await this.cache.get(`site-gateways:${tenantId}:${siteId}`, () =>
      this.prisma.gateway.findMany({
        where: { tenantId, enabled: true, OR: [{ siteId }, { siteId: null }] },
        select: GATEWAY_SELECT,
        orderBy: { createdAt: 'asc' },
      }),
    );
    const lines = await this.rateLines(rows.flatMap((g) => g.rateDecks.map((d) => d.id)), number);
    return rows.map((g) => priced(g, lines));
  }

  /**
   * The rate lines of these decks whose prefix is a prefix of `number`, by deck: one query on the
   * (rate_deck_id, prefix, valid_from) index per call, since numbers rarely repeat and decks are large.
   */
  private async rateLines(deckIds: string[], number: string): Promise<Map<string, RateRow[]>> {
    const byDeck = new Map<string, RateRow[]>();
    if (!deckIds.length) return byDeck;
    const { rows } = await this.sql.query<RateRow>({
      name: 'routing-rate-lines',
      text: RATE_LINES,
      values: [[...new Set(deckIds)], prefixesOf(number)],
    });
    for (const r of rows) byDeck.set(r.rateDeckId, [...(byDeck.get(r.rateDeckId) ?? []), r]);
    return byDeck;
  }

  /** A DID ringing this extension, else the site's first DID (lowest number). */
  callerDids(tenantId: string, siteId: string, extensionId: string): Promise<{ extensionDid: string | null; siteDid: string | null }> {
    return this.cache.get(`caller-dids:${tenantId}:${siteId}:${extensionId}`, async () => {
      const [own, site] = await Promise.all([
        this.prisma.did.findFirst({ where: { tenantId, extensionId }, select: { number: true }, orderBy: { number: 'asc' } }),
        this.prisma.did.findFirst({ where: { tenantId, siteId }, select: { number: true }, orderBy: { number: 'asc' } }),
      ]);
      return { extensionDid: own?.number ?? null, siteDid: site?.number ?? null };
    });
  }

  /** The tenant's DID a gateway's Request-URI user names: "+E.164", or the same digits without "+". */
  async did(tenantId: string, user: string): Promise<DidTarget | null> {
    if (!/^\+?\d{3,15}$/.test(user)) return null;
    const number = user.startsWith('+') ? user : `+${user}`;
    const d = await this.cache.get(`did:${tenantId}:${number}`, () =>
      this.prisma.did.findFirst({
        where: { tenantId, number },
        select: { number: true, siteId: true, extensionId: true, conferenceRoomId: true },
      }),
    );
    if (!d) return null;
    if (d.extensionId) return { kind: 'extension', didNumber: d.number, siteId: d.siteId, extensionId: d.extensionId };
    if (d.conferenceRoomId) return { kind: 'conference', didNumber: d.number, siteId: d.siteId, conferenceRoomId: d.conferenceRoomId };
    return null;
  }
}
