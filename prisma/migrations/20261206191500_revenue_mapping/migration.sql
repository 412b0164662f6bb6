-- How revenue reaches Braze, per sync. Syncs saved before this keep sending revenue as they did
-- (as custom events), and new syncs send Braze's eCommerce recommended events.
ALTER TABLE "syncs" ADD COLUMN "revenue" JSONB NOT NULL DEFAULT '{"mode":"events"}';
ALTER TABLE "syncs" ALTER COLUMN "revenue" SET DEFAULT '{"mode":"ecommerce"}';
