-- CreateTable
CREATE TABLE "forward_settings" (
    "project_id" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "region" TEXT NOT NULL DEFAULT 'US',
    "api_key_cipher" TEXT,
    "api_key_last4" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "forward_settings_pkey" PRIMARY KEY ("project_id")
);

-- CreateTable
CREATE TABLE "forward_minute_metrics" (
    "project_id" TEXT NOT NULL,
    "minute" TIMESTAMPTZ(0) NOT NULL,
    "forwarded" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "retried" INTEGER NOT NULL DEFAULT 0,
    "throttled" INTEGER NOT NULL DEFAULT 0,
    "latency_buckets" INTEGER[] DEFAULT ARRAY[]::INTEGER[],

    CONSTRAINT "forward_minute_metrics_pkey" PRIMARY KEY ("project_id","minute")
);

-- CreateTable
CREATE TABLE "forward_failures" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" INTEGER NOT NULL,
    "answer" TEXT NOT NULL,
    "event_type" TEXT,
    "insert_id" TEXT,
    "event" JSONB NOT NULL,

    CONSTRAINT "forward_failures_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "forward_minute_metrics_minute_idx" ON "forward_minute_metrics"("minute");

-- CreateIndex
CREATE INDEX "forward_failures_project_id_created_at_idx" ON "forward_failures"("project_id", "created_at");

-- AddForeignKey
ALTER TABLE "forward_settings" ADD CONSTRAINT "forward_settings_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "forward_minute_metrics" ADD CONSTRAINT "forward_minute_metrics_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "forward_failures" ADD CONSTRAINT "forward_failures_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

