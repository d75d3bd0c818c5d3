# syntax=docker/dockerfile:1
# 议事助手 in a container: docker build -t yishi-bot . && docker run -p 3000:3000 -v yishi-data:/data yishi-bot
# (or `docker compose up -d`, see compose.yaml). Two stages: the build stage has the compilers and dev
# dependencies; the runtime stage only node, the production dependencies and the built bundle.

ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 builds from source when no prebuilt binary matches the platform.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
# Dependencies first, so that a change to the source reuses this layer. Scripts are skipped here (the
# project's postinstall needs the source; Prisma's engines are not needed with the JS engine), then the
# one native module is built.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund \
  && npm rebuild better-sqlite3
COPY . .
RUN npx prisma generate \
  && npm run build \
  && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATABASE_URL=file:/data/yishi.db \
    SHUTDOWN_TIMEOUT_MS=10000 \
    CHECKPOINT_DISABLE=1 \
    PRISMA_HIDE_UPDATE_MESSAGE=1
WORKDIR /app
COPY --from=build /app/package.json /app/prisma.config.ts ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/dist ./dist
# The bundle finds files beside the modules it was built from (the sandbox page, the generated Prisma
# client's directory): see scripts/build.mjs.
COPY --from=build /app/src ./src
# The trained models the bot reads messages with (src/bot/classifier/models.ts finds them from the source
# tree); a deployment's retrained ones are mounted and named with MODEL_DIR.
COPY --from=build /app/models ./models
# The database, its WAL files and the one-off admin token live in /data, owned by the unprivileged user. On
# PostgreSQL the bot writes its server.json (and a one-off token) to ./data under the working directory instead.
RUN mkdir -p /data /app/data && chown node:node /data /app/data
USER node
VOLUME ["/data"]
EXPOSE 3000
# Healthy = ready for traffic (/readyz: database reachable, migrations applied, not shutting down);
# /healthz is the cheaper liveness check for orchestrators that restart on failure.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/readyz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1 and handles SIGTERM (src/shutdown.ts): docker stop drains, then it exits.
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "dist/main.js"]
