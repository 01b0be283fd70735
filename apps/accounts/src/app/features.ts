import { Module, type Type } from '@nestjs/common';
import { ApiKeyController } from './api-keys/api-key.controller';
import { ApiKeyRepository } from './api-keys/api-key.repository';
import { ApiKeyService } from './api-keys/api-key.service';
import { CdrController } from './cdrs/cdr.controller';
import { CdrRepository } from './cdrs/cdr.repository';
import { CdrService } from './cdrs/cdr.service';
import { ConferenceRoomController } from './conference-rooms/conference-room.controller';
import { ConferenceRoomRepository } from './conference-rooms/conference-room.repository';
import { ConferenceRoomService } from './conference-rooms/conference-room.service';
import { DialplanController } from './dialplan/dialplan.controller';
import { DialplanRepository } from './dialplan/dialplan.repository';
import { DialplanService } from './dialplan/dialplan.service';
import { RoutingClient, routingBusProvider } from './dialplan/routing.client';
import { DidController } from './dids/did.controller';
import { DidRepository } from './dids/did.repository';
import { DidService } from './dids/did.service';
import { ExtensionController } from './extensions/extension.controller';
import { ExtensionRepository } from './extensions/extension.repository';
import { ExtensionService } from './extensions/extension.service';
import { SipCredentialService } from './extensions/sip-credentials';
import { ExportExtensions } from './extensions/usecases/export-extensions';
import { ImportExtensions } from './extensions/usecases/import-extensions';
import { GatewayController } from './gateways/gateway.controller';
import { GatewayRepository } from './gateways/gateway.repository';
import { GatewayService } from './gateways/gateway.service';
import { RateDeckController } from './rate-decks/rate-deck.controller';
import { RateDeckRepository, RateRepository } from './rate-decks/rate-deck.repository';
import { RateDeckService, RateService } from './rate-decks/rate-deck.service';
import { PlatformController } from './platform/platform.controller';
import { PlatformGuard } from './platform/platform.guard';
import { PlatformRepository } from './platform/platform.repository';
import { RegistrarClient, registrarBusProvider } from './registrations/registrar.client';
import { RegistrationController } from './registrations/registration.controller';
import { RegistrationRepository } from './registrations/registration.repository';
import { RegistrationService } from './registrations/registration.service';
import { RouteController } from './routes/route.controller';
import { RouteRepository } from './routes/route.repository';
import { RouteService } from './routes/route.service';
import { SiteController } from './sites/site.controller';
import { SiteRepository } from './sites/site.repository';
import { SiteService } from './sites/site.service';
import { TenantController } from './tenant/tenant.controller';
import { TenantRepository } from './tenant/tenant.repository';
import { UserController } from './users/user.controller';
import { UserRepository } from './users/user.repository';
import { UserService } from './users/user.service';

@Module({ controllers: [TenantController], providers: [TenantRepository] })
export class TenantModule {}

@Module({ controllers: [PlatformController], providers: [PlatformRepository, PlatformGuard] })
export class PlatformModule {}

@Module({ controllers: [SiteController], providers: [SiteService, SiteRepository], exports: [SiteRepository] })
export class SitesModule {}

/** Live registration state, asked from the registrar over the Redis bus; extensions show it too. */
@Module({
  controllers: [RegistrationController],
  providers: [registrarBusProvider, RegistrarClient, RegistrationService, RegistrationRepository],
  exports: [RegistrarClient],
})
export class RegistrationsModule {}

@Module({
  imports: [SitesModule, RegistrationsModule],
  controllers: [ExtensionController],
  providers: [ExtensionService, ExtensionRepository, SipCredentialService, ImportExtensions, ExportExtensions],
})
export class ExtensionsModule {}

@Module({ controllers: [UserController], providers: [UserService, UserRepository] })
export class UsersModule {}

@Module({ controllers: [ApiKeyController], providers: [ApiKeyService, ApiKeyRepository] })
export class ApiKeysModule {}

@Module({ controllers: [GatewayController], providers: [GatewayService, GatewayRepository] })
export class GatewaysModule {}

@Module({ controllers: [RateDeckController], providers: [RateDeckService, RateService, RateDeckRepository, RateRepository] })
export class RatesModule {}

@Module({ controllers: [RouteController], providers: [RouteService, RouteRepository] })
export class RoutesModule {}

@Module({ controllers: [DidController], providers: [DidService, DidRepository] })
export class DidsModule {}

@Module({ controllers: [ConferenceRoomController], providers: [ConferenceRoomService, ConferenceRoomRepository] })
export class ConferenceRoomsModule {}

@Module({ controllers: [CdrController], providers: [CdrService, CdrRepository] })
export class CdrsModule {}

/** Dial-plan explanations, asked from the routing service over the Redis bus. */
@Module({ controllers: [DialplanController], providers: [routingBusProvider, RoutingClient, DialplanService, DialplanRepository] })
export class DialplanModule {}

/** One module per resource; the order here is the order in the OpenAPI document. */
export const FEATURES: Type[] = [
  PlatformModule,
  TenantModule,
  SitesModule,
  ExtensionsModule,
  RegistrationsModule,
  UsersModule,
  ApiKeysModule,
  GatewaysModule,
  RatesModule,
  RoutesModule,
  DialplanModule,
  DidsModule,
  ConferenceRoomsModule,
  CdrsModule,
];
