-- AlterTable
ALTER TABLE "sync_minute_metrics" ADD COLUMN     "possible_duplicates" INTEGER NOT NULL DEFAULT 0;

