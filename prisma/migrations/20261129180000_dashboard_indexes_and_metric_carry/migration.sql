-- CreateTable
CREATE TABLE "sync_metric_carry" (
    "sync_id" TEXT NOT NULL,
    "delivered" BIGINT NOT NULL DEFAULT 0,
    "delivered_first_attempt" BIGINT NOT NULL DEFAULT 0,
    "delivered_after_retry" BIGINT NOT NULL DEFAULT 0,
    "not_delivered" BIGINT NOT NULL DEFAULT 0,
    "expired" BIGINT NOT NULL DEFAULT 0,
    "skipped" BIGINT NOT NULL DEFAULT 0,
    "filtered" BIGINT NOT NULL DEFAULT 0,
    "retried" BIGINT NOT NULL DEFAULT 0,
    "requests" BIGINT NOT NULL DEFAULT 0,
    "rate_limited" BIGINT NOT NULL DEFAULT 0,
    "data_points_sent" BIGINT NOT NULL DEFAULT 0,
    "data_points_saved" BIGINT NOT NULL DEFAULT 0,
    "possible_duplicates" BIGINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sync_metric_carry_pkey" PRIMARY KEY ("sync_id")
);

-- CreateIndex
CREATE INDEX "sync_minute_metrics_minute_idx" ON "sync_minute_metrics"("minute");

-- CreateIndex
CREATE INDEX "sync_hour_metrics_hour_idx" ON "sync_hour_metrics"("hour");

-- CreateIndex
CREATE INDEX "dead_letters_sync_id_user_id_created_at_idx" ON "dead_letters"("sync_id", "user_id", "created_at");

-- CreateIndex
CREATE INDEX "dead_letters_sync_id_event_type_created_at_idx" ON "dead_letters"("sync_id", "event_type", "created_at");

-- AddForeignKey
ALTER TABLE "sync_metric_carry" ADD CONSTRAINT "sync_metric_carry_sync_id_fkey" FOREIGN KEY ("sync_id") REFERENCES "syncs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

