-- AlterTable
ALTER TABLE "projects" ADD COLUMN     "deletion_grace_days" INTEGER NOT NULL DEFAULT 7,
ADD COLUMN     "deletion_secret_hash" TEXT,
ADD COLUMN     "deletion_secret_last4" TEXT;

-- AlterTable
ALTER TABLE "syncs" ADD COLUMN     "forward_deletions" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "deletion_requests" (
    "id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "user_ids" TEXT[],
    "amplitude_ids" TEXT[],
    "requester" TEXT,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'staging',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "deletion_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deletion_steps" (
    "id" TEXT NOT NULL,
    "request_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sync_id" TEXT,
    "sync_name" TEXT,
    "payload" JSONB,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "detail" TEXT,
    "deleted" INTEGER,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deletion_steps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "refused_users" (
    "project_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,
    "request_id" TEXT NOT NULL,
    "refused_events" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "refused_users_pkey" PRIMARY KEY ("project_id","user_id")
);

-- CreateIndex
CREATE INDEX "deletion_requests_project_id_created_at_idx" ON "deletion_requests"("project_id", "created_at");

-- CreateIndex
CREATE INDEX "deletion_steps_request_id_idx" ON "deletion_steps"("request_id");

-- CreateIndex
CREATE INDEX "deletion_steps_sync_id_kind_status_idx" ON "deletion_steps"("sync_id", "kind", "status");

-- CreateIndex
CREATE INDEX "refused_users_until_idx" ON "refused_users"("until");

-- AddForeignKey
ALTER TABLE "deletion_requests" ADD CONSTRAINT "deletion_requests_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deletion_steps" ADD CONSTRAINT "deletion_steps_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "deletion_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refused_users" ADD CONSTRAINT "refused_users_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

