-- AlterTable
ALTER TABLE "sync_metric_carry" ADD COLUMN     "recovered" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "sync_hour_metrics" ADD COLUMN     "recovered" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "sync_minute_metrics" ADD COLUMN     "recovered" INTEGER NOT NULL DEFAULT 0;
