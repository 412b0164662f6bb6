-- CreateEnum
CREATE TYPE "import_status" AS ENUM ('RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED', 'FAILED');

-- CreateTable
CREATE TABLE "import_runs" (
    "id" TEXT NOT NULL,
    "sync_id" TEXT NOT NULL,
    "status" "import_status" NOT NULL DEFAULT 'RUNNING',
    "region" TEXT NOT NULL,
    "start_hour" TIMESTAMPTZ(0) NOT NULL,
    "end_hour" TIMESTAMPTZ(0) NOT NULL,
    "api_key_cipher" TEXT NOT NULL,
    "secret_key_cipher" TEXT NOT NULL,
    "api_key_last4" TEXT NOT NULL,
    "attributes_only" BOOLEAN NOT NULL DEFAULT true,
    "rate_share" INTEGER NOT NULL DEFAULT 25,
    "events_read" INTEGER NOT NULL DEFAULT 0,
    "objects_sent" INTEGER NOT NULL DEFAULT 0,
    "events_skipped" INTEGER NOT NULL DEFAULT 0,
    "objects_failed" INTEGER NOT NULL DEFAULT 0,
    "position_entry" INTEGER NOT NULL DEFAULT 0,
    "position_line" INTEGER NOT NULL DEFAULT 0,
    "bytes_done" BIGINT NOT NULL DEFAULT 0,
    "bytes_total" BIGINT,
    "run_bytes_start" BIGINT NOT NULL DEFAULT 0,
    "run_started_at" TIMESTAMPTZ(3),
    "pending" JSONB NOT NULL DEFAULT '[]',
    "generation" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "import_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "import_runs_sync_id_created_at_idx" ON "import_runs"("sync_id", "created_at");

-- AddForeignKey
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_sync_id_fkey" FOREIGN KEY ("sync_id") REFERENCES "syncs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
