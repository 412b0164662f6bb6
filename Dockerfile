# One image for every process of the product: the app (UI, management and ingestion API), the
# delivery workers, and the one-off preparation (migrations, first project, admin account).
#   docker run IMAGE                                          the app (default command)
#   docker run -e MALLOC_ARENA_MAX=2 -e MALLOC_MMAP_THRESHOLD_=65536 -e MALLOC_TRIM_THRESHOLD_=131072 \
#     IMAGE node --max-old-space-size=512 --max-semi-space-size=8 dist/worker/main.js
#     a delivery worker (the V8 heap limits keep garbage from piling up; .env.example:
#     WORKER_MAX_OLD_SPACE_MB, WORKER_MAX_SEMI_SPACE_MB; the allocator settings return freed
#     memory: lib/process/worker-heap.ts)
#   docker run IMAGE node dist/scripts/start.js --prepare-only   preparation, once per deploy
# Stages: deps (every package, for the build) → build (type check, UI, compiled server) →
# runtime (compiled output and production packages only, as the unprivileged user `node`).
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1

FROM base AS deps
COPY package.json package-lock.json ./
# No install scripts: the build generates the Prisma client itself, and nothing else needs one.
RUN npm ci --no-audit --no-fund --ignore-scripts

FROM deps AS build
COPY . .
# `npm run build` fails on any type error. Then node_modules is pruned to what production needs
# (scripts/build/production-deps.ts, run by Node's own type stripping), and Next's build cache,
# which only speeds up the next build, is dropped.
RUN npm run build \
  && node scripts/build/production-deps.ts --prune \
  && rm -rf .next/cache

FROM base AS runtime
# tini is PID 1: it forwards SIGTERM to node (graceful shutdown) and reaps zombie processes.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/app/data
COPY --from=build /app/package.json /app/package-lock.json /app/next.config.js /app/prisma.config.ts ./
COPY --from=build /app/node_modules ./node_modules
# Next writes its runtime cache under .next/cache, so .next belongs to the user `node` (as data/ does).
COPY --from=build --chown=node:node /app/.next ./.next
COPY --from=build /app/dist ./dist
COPY --from=build /app/public ./public
# `prisma migrate deploy` (preparation) reads the migrations and prisma.config.ts, which needs
# the default database URL.
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/lib/env/defaults.ts ./lib/env/defaults.ts
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# The app's liveness and readiness (Postgres and Redis reachable). Worker containers replace it
# with their own check (docker-compose.yml: node dist/scripts/worker-health.js).
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--enable-source-maps", "dist/server.js"]
