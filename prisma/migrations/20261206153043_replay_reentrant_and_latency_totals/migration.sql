-- AlterTable
ALTER TABLE "sync_minute_metrics" ADD COLUMN     "superseded" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "sync_hour_metrics" ADD COLUMN     "superseded" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "sync_metric_carry" ADD COLUMN     "superseded" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "dead_letters" ADD COLUMN     "remember" JSONB,
ADD COLUMN     "replay_job_id" TEXT,
ADD COLUMN     "superseded_fields" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "sync_latency_totals" (
    "sync_id" TEXT NOT NULL,
    "buckets" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
    "sum_ms" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "sync_latency_totals_pkey" PRIMARY KEY ("sync_id")
);

-- CreateIndex
CREATE INDEX "dead_letters_replay_state_replayed_at_idx" ON "dead_letters"("replay_state", "replayed_at");

-- AddForeignKey
ALTER TABLE "sync_latency_totals" ADD CONSTRAINT "sync_latency_totals_sync_id_fkey" FOREIGN KEY ("sync_id") REFERENCES "syncs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

