-- CreateEnum
CREATE TYPE "sync_pause_cause" AS ENUM ('BRAZE', 'CONFIGURATION');

-- AlterTable
ALTER TABLE "syncs" ADD COLUMN     "pause_cause" "sync_pause_cause";

-- A pause recorded before this column existed was always Braze refusing the credentials.
UPDATE "syncs" SET "pause_cause" = 'BRAZE' WHERE "paused_reason" IS NOT NULL;
