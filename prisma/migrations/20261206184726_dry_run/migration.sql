-- AlterEnum
ALTER TYPE "sync_status" ADD VALUE 'DRY_RUN';

-- CreateTable
CREATE TABLE "dry_run_hours" (
    "sync_id" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(0) NOT NULL,
    "events" INTEGER NOT NULL DEFAULT 0,
    "attribute_updates" INTEGER NOT NULL DEFAULT 0,
    "data_points" INTEGER NOT NULL DEFAULT 0,
    "data_points_saved" INTEGER NOT NULL DEFAULT 0,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "filtered" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "invalid" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "dry_run_hours_pkey" PRIMARY KEY ("sync_id","hour")
);

-- CreateTable
CREATE TABLE "dry_run_samples" (
    "id" TEXT NOT NULL,
    "sync_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "body" JSONB NOT NULL,
    "objects" INTEGER NOT NULL,
    "objects_shown" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,

    CONSTRAINT "dry_run_samples_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "dry_run_samples_sync_id_at_idx" ON "dry_run_samples"("sync_id", "at");

-- AddForeignKey
ALTER TABLE "dry_run_hours" ADD CONSTRAINT "dry_run_hours_sync_id_fkey" FOREIGN KEY ("sync_id") REFERENCES "syncs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dry_run_samples" ADD CONSTRAINT "dry_run_samples_sync_id_fkey" FOREIGN KEY ("sync_id") REFERENCES "syncs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
