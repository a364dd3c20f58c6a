# The GraphQL server, for docker compose (beside Neo4j) or any container platform.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
# DATA_DIR: the embedded store's folder when NEO4J_URI is not set (the only path the
# server writes to). Mount a volume there to keep an embedded graph across containers.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000 DATA_DIR=/app/data
# The code stays owned by root, read-only to the server; only DATA_DIR belongs to the
# `node` user (uid 1000) that the server runs as. Every folder the server reads beside
# dist/ (join(PROJECT_ROOT, ...) in src/) is copied here.
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY schema ./schema
COPY cypher ./cypher
COPY seed ./seed
COPY examples ./examples
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/main.js"]
