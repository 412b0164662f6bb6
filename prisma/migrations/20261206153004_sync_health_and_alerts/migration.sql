-- CreateEnum
CREATE TYPE "sync_health_state" AS ENUM ('HEALTHY', 'DEGRADED', 'FAILING', 'PAUSED');

-- CreateTable
CREATE TABLE "sync_health" (
    "sync_id" TEXT NOT NULL,
    "state" "sync_health_state" NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "alerted_state" "sync_health_state",
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sync_health_pkey" PRIMARY KEY ("sync_id")
);

-- CreateTable
CREATE TABLE "sync_health_alerts" (
    "sync_id" TEXT NOT NULL,
    "state" "sync_health_state" NOT NULL,
    "sent_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "sync_health_alerts_pkey" PRIMARY KEY ("sync_id","state")
);

-- CreateTable
CREATE TABLE "alert_settings" (
    "project_id" TEXT NOT NULL,
    "webhook_url_cipher" TEXT,
    "webhook_url_hint" TEXT,
    "email_enabled" BOOLEAN NOT NULL DEFAULT false,
    "smtp_host" TEXT,
    "smtp_port" INTEGER,
    "smtp_secure" BOOLEAN NOT NULL DEFAULT false,
    "smtp_user" TEXT,
    "smtp_password_cipher" TEXT,
    "email_from" TEXT,
    "email_to" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "alert_settings_pkey" PRIMARY KEY ("project_id")
);

-- AddForeignKey
ALTER TABLE "sync_health" ADD CONSTRAINT "sync_health_sync_id_fkey" FOREIGN KEY ("sync_id") REFERENCES "syncs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_health_alerts" ADD CONSTRAINT "sync_health_alerts_sync_id_fkey" FOREIGN KEY ("sync_id") REFERENCES "syncs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_settings" ADD CONSTRAINT "alert_settings_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

