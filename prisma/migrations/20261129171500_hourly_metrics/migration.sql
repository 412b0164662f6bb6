-- CreateTable
CREATE TABLE "sync_hour_metrics" (
    "sync_id" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(0) NOT NULL,
    "delivered" INTEGER NOT NULL DEFAULT 0,
    "delivered_first_attempt" INTEGER NOT NULL DEFAULT 0,
    "delivered_after_retry" INTEGER NOT NULL DEFAULT 0,
    "not_delivered" INTEGER NOT NULL DEFAULT 0,
    "expired" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "filtered" INTEGER NOT NULL DEFAULT 0,
    "retried" INTEGER NOT NULL DEFAULT 0,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "rate_limited" INTEGER NOT NULL DEFAULT 0,
    "data_points_sent" INTEGER NOT NULL DEFAULT 0,
    "data_points_saved" INTEGER NOT NULL DEFAULT 0,
    "possible_duplicates" INTEGER NOT NULL DEFAULT 0,
    "latency_buckets" INTEGER[] DEFAULT ARRAY[]::INTEGER[],

    CONSTRAINT "sync_hour_metrics_pkey" PRIMARY KEY ("sync_id","hour")
);

-- AddForeignKey
ALTER TABLE "sync_hour_metrics" ADD CONSTRAINT "sync_hour_metrics_sync_id_fkey" FOREIGN KEY ("sync_id") REFERENCES "syncs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

