import { Injectable } from '@nestjs/common';
import { Events } from '@branchline/contracts';
import type { Prisma, Rate, RateDeck, Tx } from '@branchline/db';
import { scopeOf, type Principal } from '../auth/principal';
import { MutationService, type MutationContext } from '../audit/mutation.service';
import { CrudService, type CrudSpec } from '../crud/crud.service';
import { NotFoundError } from '../common/errors';
import { References } from '../common/references';
import type { Page } from '../common/pagination';
import type { CreateRate, CreateRateDeck, RateListQuery, UpdateRate, UpdateRateDeck } from './rate-deck.dto';
import { RateDeckRepository, RateRepository, type RateDeckFilter, type RateFilter } from './rate-deck.repository';

@Injectable()
export class RateDeckService extends CrudService<
  RateDeck,
  CreateRateDeck,
  UpdateRateDeck,
  Omit<Prisma.RateDeckUncheckedCreateInput, 'tenantId'>,
  Prisma.RateDeckUncheckedUpdateInput,
  RateDeckFilter
> {
  protected readonly spec: CrudSpec = {
    entity: 'rate-deck',
    label: 'Rate deck',
    events: { created: Events.RateDeckCreated, updated: Events.RateDeckUpdated, deleted: Events.RateDeckDeleted },
    defaultSort: [{ name: 'asc' }],
  };

  constructor(
    decks: RateDeckRepository,
    mutations: MutationService,
    private readonly refs: References,
  ) {
    super(decks, mutations);
  }

  protected async prepareCreate(tx: Tx, p: Principal, input: CreateRateDeck) {
    await this.refs.mustExist(tx, p.tenantId, 'gateway', 'gatewayId', input.gatewayId);
    return input;
  }

  protected async prepareUpdate(_tx: Tx, _p: Principal, _before: RateDeck, input: UpdateRateDeck) {
    return input;
  }
}

/** Rates live inside a deck: every call names the deck, and the deck must be the tenant's. */
@Injectable()
export class RateService extends CrudService<
  Rate,
  CreateRate & { rateDeckId: string },
  UpdateRate,
  Omit<Prisma.RateUncheckedCreateInput, 'tenantId'>,
  Prisma.RateUncheckedUpdateInput,
  RateFilter
> {
  protected readonly spec: CrudSpec = {
    entity: 'rate',
    label: 'Rate',
    events: { created: Events.RateCreated, updated: Events.RateUpdated, deleted: Events.RateDeleted },
    defaultSort: [{ prefix: 'asc' }, { validFrom: 'desc' }],
  };

  constructor(
    rates: RateRepository,
    private readonly decks: RateDeckRepository,
    mutations: MutationService,
  ) {
    super(rates, mutations);
  }

  async listInDeck(p: Principal, deckId: string, q: RateListQuery): Promise<Page<Rate>> {
    await this.deck(p, deckId);
    return this.list(p, { ...q, rateDeckId: deckId });
  }

  async getInDeck(p: Principal, deckId: string, rateId: string): Promise<Rate> {
    const rate = await this.get(p, rateId);
    if (rate.rateDeckId !== deckId) throw new NotFoundError('Rate', rateId);
    return rate;
  }

  async createInDeck(ctx: MutationContext, deckId: string, input: CreateRate): Promise<Rate> {
    await this.deck(ctx.principal, deckId);
    return this.create(ctx, { ...input, rateDeckId: deckId });
  }

  async updateInDeck(ctx: MutationContext, deckId: string, rateId: string, input: UpdateRate): Promise<Rate> {
    await this.getInDeck(ctx.principal, deckId, rateId);
    return this.update(ctx, rateId, input);
  }

  async removeInDeck(ctx: MutationContext, deckId: string, rateId: string): Promise<void> {
    await this.getInDeck(ctx.principal, deckId, rateId);
    return this.remove(ctx, rateId);
  }

  protected async prepareCreate(_tx: Tx, _p: Principal, input: CreateRate & { rateDeckId: string }) {
    return { ...input, ...(input.validFrom ? { validFrom: new Date(input.validFrom) } : {}) };
  }

  protected async prepareUpdate(_tx: Tx, _p: Principal, _before: Rate, input: UpdateRate) {
    return input;
  }

  private async deck(p: Principal, deckId: string): Promise<RateDeck> {
    const deck = await this.decks.find(scopeOf(p), deckId);
    if (!deck) throw new NotFoundError('Rate deck', deckId);
    return deck;
  }
}
