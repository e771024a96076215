# syntax=docker/dockerfile:1
# Group Conversations bot in production mode: Node 22 LTS, compiled JavaScript and production dependencies
# only, running as the image's unprivileged "node" user. Configure it with the environment (README,
# "Configuration"); without MicrosoftAppId it would start in local mode, which this image cannot run.
#   docker build -t group-conversations .
#   docker run --env-file bot.env -p 3978:3978 group-conversations
ARG NODE_IMAGE=node:22-bookworm-slim

# 1. Compile: needs the dev dependencies (TypeScript) and the sources.
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
COPY vendor ./vendor
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY sandbox ./sandbox
COPY dev ./dev
RUN npx tsc -p tsconfig.build.json --outDir /src/out

# 2. Production dependencies only (scripts/production-tree.ts runs the same install for `npm run stage`).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Our stand-in for restify's spdy (docs/decisions.md, 32): node_modules/spdy links to it.
COPY vendor ./vendor
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# 3. The runtime: no compiler, no test tools, no Playground, no Graph sandbox.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3978
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=deps /app/vendor ./vendor
COPY package.json ./
COPY --from=build /src/out/src ./dist/src
USER node
EXPOSE 3978
# Liveness only: /readyz (storage reachable) is for load balancers, a dead storage account is no reason to
# restart the container.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains turns in flight for SHUTDOWN_GRACE_MS (10 s by default): give `docker stop -t` more than that.
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "dist/src/index.js"]
