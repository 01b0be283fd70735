-- CreateEnum
CREATE TYPE "ReconciliationRowStatus" AS ENUM ('MATCHED', 'PRICE_DIFFERENCE', 'OURS_ONLY', 'THEIRS_ONLY');

-- CreateTable
CREATE TABLE "reconciliations" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "gateway_id" UUID,
    "gateway_name" TEXT NOT NULL,
    "period_from" TIMESTAMPTZ(3) NOT NULL,
    "period_to" TIMESTAMPTZ(3) NOT NULL,
    "options" JSONB NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "our_calls" INTEGER NOT NULL,
    "carrier_calls" INTEGER NOT NULL,
    "matched" INTEGER NOT NULL,
    "price_differences" INTEGER NOT NULL,
    "ours_only" INTEGER NOT NULL,
    "theirs_only" INTEGER NOT NULL,
    "our_total" DECIMAL(16,5) NOT NULL,
    "their_total" DECIMAL(16,5) NOT NULL,
    "difference" DECIMAL(16,5) NOT NULL,
    "paired_difference" DECIMAL(16,5) NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reconciliations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reconciliation_rows" (
    "reconciliation_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "status" "ReconciliationRowStatus" NOT NULL,
    "number" TEXT NOT NULL,
    "cdr_id" UUID,
    "call_id" TEXT,
    "our_start" TIMESTAMPTZ(3),
    "our_duration_sec" INTEGER,
    "our_cost" DECIMAL(14,5),
    "carrier_row" INTEGER,
    "carrier_reference" TEXT,
    "carrier_start" TIMESTAMPTZ(3),
    "carrier_duration_ms" INTEGER,
    "carrier_charge" DECIMAL(14,5),
    "start_difference_ms" INTEGER,
    "duration_difference_ms" INTEGER,
    "price_difference" DECIMAL(14,5),

    CONSTRAINT "reconciliation_rows_pkey" PRIMARY KEY ("reconciliation_id","position")
);

-- CreateIndex
CREATE INDEX "reconciliations_tenant_id_created_at_idx" ON "reconciliations"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "reconciliations_gateway_id_idx" ON "reconciliations"("gateway_id");

-- CreateIndex
CREATE INDEX "reconciliation_rows_reconciliation_id_status_position_idx" ON "reconciliation_rows"("reconciliation_id", "status", "position");

-- AddForeignKey
ALTER TABLE "reconciliations" ADD CONSTRAINT "reconciliations_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reconciliations" ADD CONSTRAINT "reconciliations_gateway_id_fkey" FOREIGN KEY ("gateway_id") REFERENCES "gateways"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reconciliation_rows" ADD CONSTRAINT "reconciliation_rows_reconciliation_id_fkey" FOREIGN KEY ("reconciliation_id") REFERENCES "reconciliations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
