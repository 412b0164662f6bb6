# One image for every process of the product: the app (UI, management and ingestion API), the
# delivery workers, and the one-off preparation (migrations, first project, admin account).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
# postinstall generates the Prisma client (WebAssembly engine: nothing is downloaded).
RUN npm ci --no-audit --no-fund && npx next build
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/app/data
EXPOSE 3000
CMD ["node", "--import", "tsx", "server.ts"]
