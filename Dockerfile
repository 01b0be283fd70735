# One image for every Branchline service; choose the app with APP (accounts, registrar, routing, sip-server).
# The `build` stage keeps the sources: the optional demo seed runs in it (docker-compose.yml, profile demo).
#   docker build --build-arg APP=accounts -t branchline/accounts .
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY libs/db/src/lib/migrate-adapter.ts ./libs/db/src/lib/migrate-adapter.ts
RUN npm ci --no-audit --no-fund
COPY . .
ARG APP=accounts
RUN NX_DAEMON=false NX_NO_CLOUD=true npx nx build ${APP} --output-style=static
# accounts serves the web console (CONSOLE_DIR); the other images carry an empty folder.
RUN mkdir -p dist/apps/console && if [ "$APP" = accounts ]; then \
      NX_DAEMON=false NX_NO_CLOUD=true npx nx build console --output-style=static; fi

FROM node:20-bookworm-slim
WORKDIR /app
ARG APP=accounts
ENV NODE_ENV=production
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist/apps/${APP} ./dist
COPY --from=build /src/dist/apps/console ./console
ENV CONSOLE_DIR=console
COPY --from=build /src/prisma ./prisma
COPY --from=build /src/prisma.config.ts /src/package.json ./
COPY --from=build /src/libs/db/src/lib/migrate-adapter.ts ./libs/db/src/lib/migrate-adapter.ts
USER node
CMD ["node", "dist/main.js"]
