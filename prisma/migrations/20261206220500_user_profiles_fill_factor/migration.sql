-- Every ingest job that changes a user's properties rewrites that user's row. With free room on
-- its page, Postgres keeps the new version there as a heap-only tuple (HOT): no new primary-key
-- entry, less WAL, and dead versions pruned without waiting for vacuum. Pages written from now on
-- keep 30 % free, and existing pages follow as they are rewritten (VACUUM FULL rewrites them at once).
ALTER TABLE "user_profiles" SET (fillfactor = 70);
