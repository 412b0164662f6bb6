-- A dry run has its own health state: deliberate, never alerted on.
ALTER TYPE "sync_health_state" ADD VALUE 'DRY_RUN';
