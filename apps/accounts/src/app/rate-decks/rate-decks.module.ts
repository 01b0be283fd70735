import { Module } from '@nestjs/common';
import { RateDeckController } from './rate-deck.controller';
import { RateDeckRepository, RateRepository } from './rate-deck.repository';
import { RateDeckService, RateService } from './rate-deck.service';

/** Rate decks and the rates inside them. */
@Module({ controllers: [RateDeckController], providers: [RateDeckService, RateService, RateDeckRepository, RateRepository] })
export class RateDecksModule {}
