-- CreateEnum
CREATE TYPE "HangupParty" AS ENUM ('CALLER', 'CALLEE', 'SYSTEM');

-- DropIndex
DROP INDEX "cdrs_call_id_idx";

-- AlterTable
ALTER TABLE "cdrs" ADD COLUMN     "hangup_by" "HangupParty",
ADD COLUMN     "rate_description" TEXT;

-- AlterTable
ALTER TABLE "extensions" ADD COLUMN     "daily_spend_limit" DECIMAL(12,2);

-- AlterTable
ALTER TABLE "sites" ADD COLUMN     "daily_spend_limit" DECIMAL(12,2),
ADD COLUMN     "max_concurrent_calls" INTEGER,
ADD COLUMN     "max_international_call_seconds" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "cdrs_call_id_key" ON "cdrs"("call_id");

