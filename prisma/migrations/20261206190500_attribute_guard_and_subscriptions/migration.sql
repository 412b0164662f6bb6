-- AlterTable
ALTER TABLE "syncs" ADD COLUMN "object_limit_switched_at" TIMESTAMP(3),
ADD COLUMN "object_limit_switched_from" TEXT,
ADD COLUMN "subscription_mapping" JSONB NOT NULL DEFAULT '{"groups":[]}',
ADD COLUMN "attribute_guard_mode" TEXT,
ADD COLUMN "attribute_guard_checked_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "attribute_first_types" (
    "sync_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "data_type" TEXT NOT NULL,
    "first_sent_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attribute_first_types_pkey" PRIMARY KEY ("sync_id","name")
);

-- CreateTable
CREATE TABLE "braze_attribute_schemas" (
    "workspace_key" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "attributes" JSONB NOT NULL DEFAULT '[]',
    "fetched_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "braze_attribute_schemas_pkey" PRIMARY KEY ("workspace_key")
);

-- AddForeignKey
ALTER TABLE "attribute_first_types" ADD CONSTRAINT "attribute_first_types_sync_id_fkey" FOREIGN KEY ("sync_id") REFERENCES "syncs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
