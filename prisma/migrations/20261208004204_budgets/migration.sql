-- CreateTable
CREATE TABLE "budgets" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "month" DATE NOT NULL,
    "site_id" UUID,
    "cost_centre" TEXT,
    "amount" DECIMAL(14,5) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "thresholds" INTEGER[] DEFAULT ARRAY[80, 100]::INTEGER[],
    "hard_limit" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "budgets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "budget_threshold_crossings" (
    "budget_id" UUID NOT NULL,
    "threshold" INTEGER NOT NULL,
    "spent" DECIMAL(14,5) NOT NULL,
    "crossed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "budget_threshold_crossings_pkey" PRIMARY KEY ("budget_id","threshold")
);

-- CreateIndex
CREATE UNIQUE INDEX "budgets_tenant_id_month_site_id_key" ON "budgets"("tenant_id", "month", "site_id");

-- CreateIndex
CREATE UNIQUE INDEX "budgets_tenant_id_month_cost_centre_key" ON "budgets"("tenant_id", "month", "cost_centre");

-- AddForeignKey
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "budget_threshold_crossings" ADD CONSTRAINT "budget_threshold_crossings_budget_id_fkey" FOREIGN KEY ("budget_id") REFERENCES "budgets"("id") ON DELETE CASCADE ON UPDATE CASCADE;
