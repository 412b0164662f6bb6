-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "sync_status" AS ENUM ('ENABLED', 'DISABLED');

-- CreateEnum
CREATE TYPE "identifier_type" AS ENUM ('EXTERNAL_ID', 'BRAZE_ID', 'USER_ALIAS', 'EMAIL');

-- CreateTable
CREATE TABLE "projects" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "api_key" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "projects_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "syncs" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" "sync_status" NOT NULL DEFAULT 'DISABLED',
    "paused_reason" TEXT,
    "paused_at" TIMESTAMP(3),
    "braze_endpoint" TEXT NOT NULL,
    "rest_api_key_cipher" TEXT NOT NULL,
    "rest_api_key_last4" TEXT NOT NULL,
    "app_id" TEXT,
    "update_users_only" BOOLEAN NOT NULL DEFAULT false,
    "identifier_property" TEXT NOT NULL DEFAULT 'user_id',
    "identifier_type" "identifier_type" NOT NULL DEFAULT 'EXTERNAL_ID',
    "alias_label" TEXT,
    "send_events" BOOLEAN NOT NULL DEFAULT true,
    "event_selection" JSONB NOT NULL DEFAULT '{"allEvents":true,"rules":[]}',
    "event_properties" JSONB NOT NULL DEFAULT '{"eventProperties":[],"userProperties":[]}',
    "send_users" BOOLEAN NOT NULL DEFAULT false,
    "user_properties" JSONB NOT NULL DEFAULT '[]',
    "object_limit_mode" TEXT NOT NULL DEFAULT 'combined75',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "syncs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_minute_metrics" (
    "sync_id" TEXT NOT NULL,
    "minute" TIMESTAMPTZ(0) NOT NULL,
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
    "latency_buckets" INTEGER[] DEFAULT ARRAY[]::INTEGER[],

    CONSTRAINT "sync_minute_metrics_pkey" PRIMARY KEY ("sync_id","minute")
);

-- CreateTable
CREATE TABLE "dead_letters" (
    "id" TEXT NOT NULL,
    "sync_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" INTEGER,
    "error" TEXT NOT NULL,
    "event_type" TEXT,
    "user_id" TEXT,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "replayed_at" TIMESTAMP(3),

    CONSTRAINT "dead_letters_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "projects_api_key_key" ON "projects"("api_key");

-- CreateIndex
CREATE INDEX "syncs_project_id_status_idx" ON "syncs"("project_id", "status");

-- CreateIndex
CREATE INDEX "dead_letters_sync_id_created_at_idx" ON "dead_letters"("sync_id", "created_at");

-- AddForeignKey
ALTER TABLE "syncs" ADD CONSTRAINT "syncs_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_minute_metrics" ADD CONSTRAINT "sync_minute_metrics_sync_id_fkey" FOREIGN KEY ("sync_id") REFERENCES "syncs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dead_letters" ADD CONSTRAINT "dead_letters_sync_id_fkey" FOREIGN KEY ("sync_id") REFERENCES "syncs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

