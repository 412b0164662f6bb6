-- AlterTable
ALTER TABLE "user_profiles" ADD COLUMN     "property_times" JSONB NOT NULL DEFAULT '{}';

