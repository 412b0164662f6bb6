-- AlterTable
ALTER TABLE "dead_letters" ADD COLUMN     "replay_state" TEXT;

-- CreateIndex
CREATE INDEX "dead_letters_sync_id_replay_state_idx" ON "dead_letters"("sync_id", "replay_state");

