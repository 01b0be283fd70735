#!/usr/bin/env bash
# One command to run the whole suite locally on the embedded defaults:
# Postgres/Redis up, migrations, demo seed, every service and the web console
# built and started (accounts serves the console at /).
# Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true

export DATABASE_URL=${DATABASE_URL:-postgresql://root@127.0.0.1:5432/branchline}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
export JWT_SECRET=${JWT_SECRET:-dev-jwt-secret-change-me-0123456789abcdef}
export SECRETS_KEY=${SECRETS_KEY:-dev-secrets-key-change-me-0123456789abcdef}
export ACCOUNTS_PORT=${ACCOUNTS_PORT:-3000}
export SIP_PORT=${SIP_PORT:-5060}
export DRACHTIO_PORT=${DRACHTIO_PORT:-9022}
export DRACHTIO_SECRET=${DRACHTIO_SECRET:-cymru}
export NONCE_SECRET=${NONCE_SECRET:-dev-nonce-secret-change-me-0123456789ab}

bash scripts/ensure-services.sh
[ -d node_modules ] || npm ci --no-audit --no-fund
bash scripts/ensure-databases.sh "$(node -e 'console.log(new URL(process.env.DATABASE_URL).pathname.slice(1))')"

echo "== migrations";  npm run -s db:generate >/dev/null && npm run -s db:migrate
echo "== demo seed";   npm run -s db:seed
echo "== build";       npx nx run-many -t build --projects=accounts,console,sip-server,registrar,routing --output-style=static >/dev/null

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM
mkdir -p tmp/logs
PORT=$ACCOUNTS_PORT CONSOLE_DIR=dist/apps/console node dist/apps/accounts/main.js > tmp/logs/accounts.log 2>&1 & pids+=($!)
SIP_LISTEN="udp:127.0.0.1:$SIP_PORT,tcp:127.0.0.1:$SIP_PORT" node dist/apps/sip-server/main.js > tmp/logs/sip-server.log 2>&1 & pids+=($!)
for _ in $(seq 1 40); do grep -q "sip-server listening" tmp/logs/sip-server.log && break; sleep 0.25; done
DRACHTIO_SERVERS="127.0.0.1:$DRACHTIO_PORT" node dist/apps/registrar/main.js > tmp/logs/registrar.log 2>&1 & pids+=($!)
DRACHTIO_SERVERS="127.0.0.1:$DRACHTIO_PORT" node dist/apps/routing/main.js > tmp/logs/routing.log 2>&1 & pids+=($!)

for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$ACCOUNTS_PORT/health" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$ACCOUNTS_PORT/health" >/dev/null || { tail -20 tmp/logs/accounts.log; exit 1; }

cat <<INFO

Branchline is running (logs in tmp/logs/, Ctrl-C stops everything)

  Console        http://127.0.0.1:$ACCOUNTS_PORT/   (log in as the admin or finance user below)
  Accounts API   http://127.0.0.1:$ACCOUNTS_PORT/api/v1
  API docs       http://127.0.0.1:$ACCOUNTS_PORT/docs   (OpenAPI JSON: /docs/openapi.json)
  Health         http://127.0.0.1:$ACCOUNTS_PORT/health   (probes: /health/live, /health/ready)
  Metrics        http://127.0.0.1:$ACCOUNTS_PORT/metrics (accounts), :9101/metrics (registrar), :9102/metrics (routing); Grafana: deploy/grafana/branchline.json
  SIP            udp/tcp 127.0.0.1:$SIP_PORT (sip-server; drachtio protocol on 127.0.0.1:$DRACHTIO_PORT)
  Registrar      phones REGISTER to sip:acme.example via 127.0.0.1:$SIP_PORT
  Routing        registered phones call each other by extension number (INVITE, digest 407)
  Postgres       $DATABASE_URL
  Redis          $REDIS_URL

  Demo tenant    Acme GmbH, SIP domain acme.example (Berlin 1000-1009, Hamburg 2000-2009, München 3000-3009)
  Admin          admin@acme.example / ${DEMO_USER_PASSWORD:-Branchline-Demo-2026}
  Finance        finance@acme.example / ${DEMO_USER_PASSWORD:-Branchline-Demo-2026}
  Phones         user = extension number, password ${DEMO_SIP_PASSWORD:-Demo-Phone-2026!}
  Carrier file   $(ls tmp/demo/telco-b-*.csv 2>/dev/null | tail -1)   (telco-b's invoice for last month: reconcile it as finance)

INFO
wait -n "${pids[@]}"
