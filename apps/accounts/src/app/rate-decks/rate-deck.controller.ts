import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Ctx, CurrentPrincipal, type Principal } from '../auth/principal';
import { Permission } from '../auth/permissions';
import type { MutationContext } from '../audit/mutation.service';
import { IdParam } from '../common/id-param';
import { CreateRateDeckDto, CreateRateDto, DeckParam, DeckRateParam, RateDeckDto, RateDeckListQuery, RateDeckPageDto, RateDto, RateListQuery, RatePageDto, UpdateRateDeckDto, UpdateRateDto } from './rate-deck.dto';
import { RateDeckService, RateService } from './rate-deck.service';

@ApiTags('rates')
@ApiBearerAuth()
@Controller('rate-decks')
export class RateDeckController {
  constructor(
    private readonly decks: RateDeckService,
    private readonly rates: RateService,
  ) {}

  @Get()
  @Allow(Permission.RatesRead)
  @ApiOperation({ summary: 'List rate decks: what each gateway charges' })
  @ApiOkResponse({ type: RateDeckPageDto })
  list(@CurrentPrincipal() p: Principal, @Query() q: RateDeckListQuery) {
    return this.decks.list(p, q);
  }

  @Get(':id')
  @Allow(Permission.RatesRead)
  @ApiOkResponse({ type: RateDeckDto })
  get(@CurrentPrincipal() p: Principal, @Param() { id }: IdParam) {
    return this.decks.get(p, id);
  }

  @Post()
  @Allow(Permission.RatesWrite)
  @ApiCreatedResponse({ type: RateDeckDto })
  create(@Ctx() ctx: MutationContext, @Body() body: CreateRateDeckDto) {
    return this.decks.create(ctx, body);
  }

  @Patch(':id')
  @Allow(Permission.RatesWrite)
  @ApiOkResponse({ type: RateDeckDto })
  update(@Ctx() ctx: MutationContext, @Param() { id }: IdParam, @Body() body: UpdateRateDeckDto) {
    return this.decks.update(ctx, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Allow(Permission.RatesWrite)
  @ApiNoContentResponse({ description: 'Done; no body' })
  remove(@Ctx() ctx: MutationContext, @Param() { id }: IdParam) {
    return this.decks.remove(ctx, id);
  }

  @Get(':deckId/rates')
  @Allow(Permission.RatesRead)
  @ApiOperation({ summary: 'List a deck\'s rates (prefix filters by leading digits)' })
  @ApiOkResponse({ type: RatePageDto })
  listRates(@CurrentPrincipal() p: Principal, @Param() { deckId }: DeckParam, @Query() q: RateListQuery) {
    return this.rates.listInDeck(p, deckId, q);
  }

  @Get(':deckId/rates/:rateId')
  @Allow(Permission.RatesRead)
  @ApiOkResponse({ type: RateDto })
  getRate(@CurrentPrincipal() p: Principal, @Param() { deckId, rateId }: DeckRateParam) {
    return this.rates.getInDeck(p, deckId, rateId);
  }

  @Post(':deckId/rates')
  @Allow(Permission.RatesWrite)
  @ApiOperation({ summary: 'Add a rate: destination prefix, connect fee, price per minute, billing increments, valid-from' })
  @ApiCreatedResponse({ type: RateDto })
  createRate(@Ctx() ctx: MutationContext, @Param() { deckId }: DeckParam, @Body() body: CreateRateDto) {
    return this.rates.createInDeck(ctx, deckId, body);
  }

  @Patch(':deckId/rates/:rateId')
  @Allow(Permission.RatesWrite)
  @ApiOkResponse({ type: RateDto })
  updateRate(@Ctx() ctx: MutationContext, @Param() { deckId, rateId }: DeckRateParam, @Body() body: UpdateRateDto) {
    return this.rates.updateInDeck(ctx, deckId, rateId, body);
  }

  @Delete(':deckId/rates/:rateId')
  @HttpCode(204)
  @Allow(Permission.RatesWrite)
  @ApiNoContentResponse({ description: 'Done; no body' })
  removeRate(@Ctx() ctx: MutationContext, @Param() { deckId, rateId }: DeckRateParam) {
    return this.rates.removeInDeck(ctx, deckId, rateId);
  }
}
