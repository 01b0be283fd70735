-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'SITE_ADMIN', 'FINANCE', 'VIEWER');

-- CreateEnum
CREATE TYPE "ClassOfService" AS ENUM ('INTERNAL', 'LOCAL', 'NATIONAL', 'INTERNATIONAL', 'PREMIUM');

-- CreateEnum
CREATE TYPE "SipTransport" AS ENUM ('UDP', 'TCP', 'TLS');

-- CreateEnum
CREATE TYPE "CallDirection" AS ENUM ('INTERNAL', 'OUTBOUND', 'INBOUND', 'EMERGENCY');

-- CreateEnum
CREATE TYPE "CallDisposition" AS ENUM ('ANSWERED', 'BUSY', 'NO_ANSWER', 'FAILED', 'CANCELLED', 'REFUSED');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('USER', 'API_KEY', 'SYSTEM');

-- CreateTable
CREATE TABLE "tenants" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "sip_domain" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'EUR',
    "country_code" CHAR(2) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tenants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sites" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "dial_prefix" TEXT,
    "extension_range_start" INTEGER NOT NULL,
    "extension_range_end" INTEGER NOT NULL,
    "time_zone" TEXT NOT NULL DEFAULT 'UTC',
    "country_code" CHAR(2) NOT NULL,
    "country_calling_code" TEXT NOT NULL,
    "area_code" TEXT NOT NULL,
    "outside_access_code" TEXT NOT NULL DEFAULT '0',
    "cost_centre" TEXT,
    "emergency_caller_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sites_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "extensions" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "site_id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "sip_username" TEXT NOT NULL,
    "ha1_md5" TEXT NOT NULL,
    "ha1_sha256" TEXT NOT NULL,
    "sip_password_enc" TEXT NOT NULL,
    "external_caller_id" TEXT,
    "class_of_service" "ClassOfService" NOT NULL DEFAULT 'NATIONAL',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "extensions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "last_login_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_sites" (
    "user_id" UUID NOT NULL,
    "site_id" UUID NOT NULL,

    CONSTRAINT "user_sites_pkey" PRIMARY KEY ("user_id","site_id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "created_by" UUID,
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_key_sites" (
    "api_key_id" UUID NOT NULL,
    "site_id" UUID NOT NULL,

    CONSTRAINT "api_key_sites_pkey" PRIMARY KEY ("api_key_id","site_id")
);

-- CreateTable
CREATE TABLE "gateways" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "site_id" UUID,
    "name" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL DEFAULT 5060,
    "transport" "SipTransport" NOT NULL DEFAULT 'UDP',
    "username" TEXT,
    "password_enc" TEXT,
    "strip_digits" INTEGER NOT NULL DEFAULT 0,
    "prepend_digits" TEXT NOT NULL DEFAULT '',
    "e164_plus" BOOLEAN NOT NULL DEFAULT true,
    "max_channels" INTEGER NOT NULL DEFAULT 30,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "gateways_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_decks" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "gateway_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'EUR',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rate_decks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rates" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "rate_deck_id" UUID NOT NULL,
    "prefix" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "connect_fee" DECIMAL(12,5) NOT NULL DEFAULT 0,
    "price_per_minute" DECIMAL(12,5) NOT NULL,
    "initial_increment" INTEGER NOT NULL DEFAULT 60,
    "subsequent_increment" INTEGER NOT NULL DEFAULT 60,
    "valid_from" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbound_routes" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "pattern" TEXT NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 100,
    "required_class_of_service" "ClassOfService" NOT NULL,
    "is_emergency" BOOLEAN NOT NULL DEFAULT false,
    "site_id" UUID,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "outbound_routes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbound_route_gateways" (
    "route_id" UUID NOT NULL,
    "gateway_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "outbound_route_gateways_pkey" PRIMARY KEY ("route_id","gateway_id")
);

-- CreateTable
CREATE TABLE "dids" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "site_id" UUID,
    "extension_id" UUID,
    "conference_room_id" UUID,
    "description" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "dids_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conference_rooms" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "site_id" UUID,
    "number" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "pin" TEXT,
    "moderator_pin" TEXT,
    "max_participants" INTEGER NOT NULL DEFAULT 20,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "conference_rooms_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cdrs" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "call_id" TEXT NOT NULL,
    "direction" "CallDirection" NOT NULL,
    "disposition" "CallDisposition" NOT NULL,
    "sip_status" INTEGER,
    "hangup_cause" TEXT,
    "caller_number" TEXT NOT NULL,
    "caller_name" TEXT,
    "caller_extension_id" UUID,
    "site_id" UUID,
    "cost_centre" TEXT,
    "dialed_number" TEXT NOT NULL,
    "normalized_number" TEXT,
    "callee_extension_id" UUID,
    "route_id" UUID,
    "gateway_id" UUID,
    "source_ip" TEXT,
    "user_agent" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "answered_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3) NOT NULL,
    "duration_sec" INTEGER NOT NULL DEFAULT 0,
    "billable_sec" INTEGER NOT NULL DEFAULT 0,
    "rate_deck_id" UUID,
    "rate_prefix" TEXT,
    "connect_fee" DECIMAL(12,5),
    "price_per_minute" DECIMAL(12,5),
    "cost" DECIMAL(14,5) NOT NULL DEFAULT 0,
    "currency" CHAR(3) NOT NULL DEFAULT 'EUR',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cdrs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "actor_type" "ActorType" NOT NULL,
    "actor_id" TEXT,
    "actor_label" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "request_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "tenants_slug_key" ON "tenants"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "tenants_sip_domain_key" ON "tenants"("sip_domain");

-- CreateIndex
CREATE INDEX "sites_tenant_id_idx" ON "sites"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "sites_tenant_id_name_key" ON "sites"("tenant_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "sites_tenant_id_code_key" ON "sites"("tenant_id", "code");

-- CreateIndex
CREATE INDEX "extensions_tenant_id_site_id_idx" ON "extensions"("tenant_id", "site_id");

-- CreateIndex
CREATE UNIQUE INDEX "extensions_tenant_id_number_key" ON "extensions"("tenant_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "extensions_tenant_id_sip_username_key" ON "extensions"("tenant_id", "sip_username");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "users_tenant_id_idx" ON "users"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_tenant_id_name_key" ON "api_keys"("tenant_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "gateways_tenant_id_name_key" ON "gateways"("tenant_id", "name");

-- CreateIndex
CREATE INDEX "rate_decks_gateway_id_idx" ON "rate_decks"("gateway_id");

-- CreateIndex
CREATE UNIQUE INDEX "rate_decks_tenant_id_name_key" ON "rate_decks"("tenant_id", "name");

-- CreateIndex
CREATE INDEX "rates_tenant_id_idx" ON "rates"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "rates_rate_deck_id_prefix_valid_from_key" ON "rates"("rate_deck_id", "prefix", "valid_from");

-- CreateIndex
CREATE UNIQUE INDEX "outbound_routes_tenant_id_name_key" ON "outbound_routes"("tenant_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "outbound_route_gateways_route_id_position_key" ON "outbound_route_gateways"("route_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "dids_number_key" ON "dids"("number");

-- CreateIndex
CREATE INDEX "dids_tenant_id_idx" ON "dids"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "conference_rooms_tenant_id_number_key" ON "conference_rooms"("tenant_id", "number");

-- CreateIndex
CREATE INDEX "cdrs_tenant_id_started_at_idx" ON "cdrs"("tenant_id", "started_at");

-- CreateIndex
CREATE INDEX "cdrs_tenant_id_site_id_started_at_idx" ON "cdrs"("tenant_id", "site_id", "started_at");

-- CreateIndex
CREATE INDEX "cdrs_tenant_id_caller_extension_id_started_at_idx" ON "cdrs"("tenant_id", "caller_extension_id", "started_at");

-- CreateIndex
CREATE INDEX "cdrs_call_id_idx" ON "cdrs"("call_id");

-- CreateIndex
CREATE INDEX "audit_log_tenant_id_created_at_idx" ON "audit_log"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_log_tenant_id_entity_type_entity_id_idx" ON "audit_log"("tenant_id", "entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "audit_log_published_at_created_at_idx" ON "audit_log"("published_at", "created_at");

-- AddForeignKey
ALTER TABLE "sites" ADD CONSTRAINT "sites_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "extensions" ADD CONSTRAINT "extensions_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "extensions" ADD CONSTRAINT "extensions_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_sites" ADD CONSTRAINT "user_sites_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_sites" ADD CONSTRAINT "user_sites_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_key_sites" ADD CONSTRAINT "api_key_sites_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_key_sites" ADD CONSTRAINT "api_key_sites_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gateways" ADD CONSTRAINT "gateways_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gateways" ADD CONSTRAINT "gateways_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rate_decks" ADD CONSTRAINT "rate_decks_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rate_decks" ADD CONSTRAINT "rate_decks_gateway_id_fkey" FOREIGN KEY ("gateway_id") REFERENCES "gateways"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rates" ADD CONSTRAINT "rates_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rates" ADD CONSTRAINT "rates_rate_deck_id_fkey" FOREIGN KEY ("rate_deck_id") REFERENCES "rate_decks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbound_routes" ADD CONSTRAINT "outbound_routes_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbound_routes" ADD CONSTRAINT "outbound_routes_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbound_route_gateways" ADD CONSTRAINT "outbound_route_gateways_route_id_fkey" FOREIGN KEY ("route_id") REFERENCES "outbound_routes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbound_route_gateways" ADD CONSTRAINT "outbound_route_gateways_gateway_id_fkey" FOREIGN KEY ("gateway_id") REFERENCES "gateways"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dids" ADD CONSTRAINT "dids_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dids" ADD CONSTRAINT "dids_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dids" ADD CONSTRAINT "dids_extension_id_fkey" FOREIGN KEY ("extension_id") REFERENCES "extensions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dids" ADD CONSTRAINT "dids_conference_room_id_fkey" FOREIGN KEY ("conference_room_id") REFERENCES "conference_rooms"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conference_rooms" ADD CONSTRAINT "conference_rooms_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conference_rooms" ADD CONSTRAINT "conference_rooms_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cdrs" ADD CONSTRAINT "cdrs_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
