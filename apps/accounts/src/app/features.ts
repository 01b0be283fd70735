import type { Type } from '@nestjs/common';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { BudgetsModule } from './budgets/budgets.module';
import { CdrsModule } from './cdrs/cdrs.module';
import { ConferenceRoomsModule } from './conference-rooms/conference-rooms.module';
import { DialplanModule } from './dialplan/dialplan.module';
import { DidsModule } from './dids/dids.module';
import { ExtensionsModule } from './extensions/extensions.module';
import { GatewaysModule } from './gateways/gateways.module';
import { PlatformModule } from './platform/platform.module';
import { RateDecksModule } from './rate-decks/rate-decks.module';
import { ReconciliationsModule } from './reconciliations/reconciliations.module';
import { RegistrationsModule } from './registrations/registrations.module';
import { ReportsModule } from './reports/reports.module';
import { RoutesModule } from './routes/routes.module';
import { SitesModule } from './sites/sites.module';
import { TenantModule } from './tenant/tenant.module';
import { UsersModule } from './users/users.module';

/**
 * One module per resource, each declared in its own folder's `*.module.ts`;
 * the order here is the order in the OpenAPI document.
 */
export const FEATURES: Type[] = [
  PlatformModule,
  TenantModule,
  SitesModule,
  ExtensionsModule,
  RegistrationsModule,
  UsersModule,
  ApiKeysModule,
  GatewaysModule,
  RateDecksModule,
  RoutesModule,
  DialplanModule,
  DidsModule,
  ConferenceRoomsModule,
  CdrsModule,
  ReportsModule,
  BudgetsModule,
  ReconciliationsModule,
];
