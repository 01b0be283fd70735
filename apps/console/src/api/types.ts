import type { components, paths } from './schema';

/** The API's own names for what the console shows, all from the generated schema. */
type Schemas = components['schemas'];
export type Me = Schemas['MeDto'];
export type Role = Me['role'];
export type Permission = Me['permissions'][number];
export type Tenant = Schemas['TenantDto'];
export type Site = Schemas['SiteDto'];
export type CreateSite = Schemas['CreateSiteDto'];
export type UpdateSite = Schemas['UpdateSiteDto'];
export type Extension = Schemas['ExtensionWithPresenceDto'];
export type ExtensionPage = Schemas['ExtensionPageDto'];
export type CreatedExtension = Schemas['ExtensionWithPasswordDto'];
export type CreateExtension = Schemas['CreateExtensionDto'];
export type UpdateExtension = Schemas['UpdateExtensionDto'];
export type ClassOfService = CreateExtension['classOfService'] & string;
export type RegistrationPage = Schemas['RegistrationPageDto'];
export type Registration = RegistrationPage['data'][number];
export type ExplainReply = Schemas['ExplainReplyDto'];
export type Cdr = Schemas['CdrDto'];
export type CdrPage = Schemas['CdrPageDto'];
export type ReportSummary = Schemas['ReportSummaryDto'];
export type ReportRow = ReportSummary['rows'][number];

export type CdrQuery = NonNullable<paths['/api/v1/cdrs']['get']['parameters']['query']>;
export type SummaryQuery = NonNullable<paths['/api/v1/reports/summary']['get']['parameters']['query']>;
export type ReportCdrsQuery = NonNullable<paths['/api/v1/reports/cdrs']['get']['parameters']['query']>;
export type ExtensionQuery = NonNullable<paths['/api/v1/extensions']['get']['parameters']['query']>;

export const CLASSES_OF_SERVICE: readonly ClassOfService[] = ['INTERNAL', 'LOCAL', 'NATIONAL', 'INTERNATIONAL', 'PREMIUM'];
export const DIRECTIONS: ReadonlyArray<NonNullable<CdrQuery['direction']>> = ['INTERNAL', 'OUTBOUND', 'INBOUND', 'EMERGENCY'];
export const DISPOSITIONS: ReadonlyArray<NonNullable<CdrQuery['disposition']>> = ['ANSWERED', 'BUSY', 'NO_ANSWER', 'FAILED', 'CANCELLED', 'REFUSED'];
