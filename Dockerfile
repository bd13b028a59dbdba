# syntax=docker/dockerfile:1
# One image for every role (ROLE=all|web|worker): the esbuild bundle run by plain node, runtime dependencies only,
# the unprivileged `node` user, healthy once /readyz answers (database reachable, migrations applied).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY bots ./bots
COPY drizzle ./drizzle
COPY prompts ./prompts
RUN npm run build

FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
ENV NODE_ENV=production PORT=3000 DATA_DIR=/data
# The memory budget (docs/PERFORMANCE.md): the heap a busy server needs is about 55 MB, but left alone V8 lets a
# burst's garbage grow the old generation past 250 MB and the young one to 128 MB before collecting. These keep a
# server under 300 MB resident at no measured cost in throughput; the same as `npm run start:built`.
ENV NODE_OPTIONS="--max-old-space-size=256 --max-semi-space-size=16"
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY drizzle ./drizzle
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM reaches node directly (exec form): the graceful stop finishes work in flight.
CMD ["node", "--enable-source-maps", "dist/server/node.mjs"]
