-- AlterTable
ALTER TABLE "user_profiles" ADD COLUMN     "version" BIGINT NOT NULL DEFAULT 0;
