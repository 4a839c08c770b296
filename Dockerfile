# Herald: one image for the API, the worker, the web app and the one-shot jobs (migrate, bootstrap); the
# command picks the role (see docker-compose.yml). Defaults to the API.
FROM node:20.19-bookworm-slim

ENV NEXT_TELEMETRY_DISABLED=1 \
    PRISMA_HIDE_UPDATE_MESSAGE=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

# Everything below runs as the image's unprivileged `node` user (uid 1000), which owns /app.
WORKDIR /app
RUN chown node:node /app
USER node

# Dependencies first, so code changes reuse this layer. npm ci runs the package's postinstall
# (scripts/prisma-generate.mjs), which needs the Prisma schema and config; dev dependencies are kept because
# the image builds the web app and runs TypeScript through tsx.
COPY --chown=node:node package.json package-lock.json prisma.config.ts ./
COPY --chown=node:node scripts/prisma-generate.mjs ./scripts/
COPY --chown=node:node prisma/schema.prisma ./prisma/
RUN npm ci && npm cache clean --force

COPY --chown=node:node . .

# The generated client talks to Postgres through @prisma/adapter-pg; generate never runs the schema engine.
RUN PRISMA_SCHEMA_ENGINE_BINARY=/bin/true npx prisma generate
RUN NEXT_TELEMETRY_DISABLED=1 npx next build web

# node_modules/.bin on PATH lets commands call tsx and next directly: npx would not pass SIGTERM on to them.
# Inside a container the API listens on every interface (its own default is this machine only): what reaches
# it from outside is decided by the ports the container publishes.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HERALD_API_HOST=0.0.0.0 \
    PATH=/app/node_modules/.bin:$PATH

EXPOSE 4000 3000
CMD ["tsx", "api/server.ts"]
