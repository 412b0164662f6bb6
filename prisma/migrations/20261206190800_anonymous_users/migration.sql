-- AlterTable
ALTER TABLE "syncs" ADD COLUMN     "send_anonymous_users" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "anonymous_alias_label" TEXT NOT NULL DEFAULT 'amplitude_device_id';

-- AlterTable
ALTER TABLE "sync_minute_metrics" ADD COLUMN     "identified_aliases" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "sync_hour_metrics" ADD COLUMN     "identified_aliases" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "sync_metric_carry" ADD COLUMN     "identified_aliases" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "anonymous_devices" (
    "sync_id" TEXT NOT NULL,
    "device_id" TEXT NOT NULL,
    "external_id" TEXT,
    "claimed_by" TEXT,
    "identified_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "anonymous_devices_pkey" PRIMARY KEY ("sync_id","device_id")
);

-- AddForeignKey
ALTER TABLE "anonymous_devices" ADD CONSTRAINT "anonymous_devices_sync_id_fkey" FOREIGN KEY ("sync_id") REFERENCES "syncs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
