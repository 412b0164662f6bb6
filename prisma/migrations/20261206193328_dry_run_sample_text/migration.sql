-- A sample keeps the request body's text as delivery builds it (jsonb would reorder its keys).
ALTER TABLE "dry_run_samples" ALTER COLUMN "body" SET DATA TYPE JSON;
