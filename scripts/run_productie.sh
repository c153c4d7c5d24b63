#!/usr/bin/env bash
# `make run-productie`: the production set on this machine's PostgreSQL, Redis and RabbitMQ.
#   nginx (the one public entry, PUBLIC_PORT)  ->  RASA_REPLICAS Rasa replicas (2)
#   each replica with its own action server; the delivery worker; the inbox.
# Production mode (INTAKE_MODUS=productie): conversations in PostgreSQL (the redacting SQL
# tracker store), locks in Redis, events to RabbitMQ, Socket.IO rooms across the replicas
# through Redis (SITE_REDIS_URL). Strong secrets are generated once into
# var/productie/geheimen.env (readable only by the owner) unless the environment sets them.
# Everything runs under scripts/supervise.sh; Ctrl-C (or SIGTERM) stops everything.
# Settings (environment, else the defaults below): docs/productie.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
PY=.venv/bin/python

: "${PUBLIC_PORT:=8080}" "${PUBLIC_INTERFACE:=0.0.0.0}" "${INTERN_PORT:=5010}"
: "${RASA_REPLICAS:=2}" "${RASA_BASE_PORT:=5011}" "${ACTION_BASE_PORT:=5055}" "${INBOX_PORT:=5080}"
: "${PRODUCTIE_DIR:=var/productie}"
: "${LOG_DIR:=$PRODUCTIE_DIR/log}"
: "${POSTGRES_HOST:=127.0.0.1}" "${POSTGRES_PORT:=5432}" "${POSTGRES_DB:=onderwijsloket}"
: "${POSTGRES_USER:=postgres}" "${POSTGRES_PASSWORD:=}"
: "${REDIS_HOST:=127.0.0.1}" "${REDIS_PORT:=6379}" "${REDIS_DB:=0}"
: "${RABBITMQ_HOST:=127.0.0.1}" "${RABBITMQ_USER:=guest}" "${RABBITMQ_PASSWORD:=guest}"
: "${RASA_OMP_THREADS:=1}" "${NGINX_WORKERS:=1}"
case "$RASA_REPLICAS" in [1-9]) ;; *) echo "RASA_REPLICAS is 1 tot 9, niet '$RASA_REPLICAS'." >&2; exit 1;; esac
if ! command -v nginx >/dev/null; then
  echo "nginx ontbreekt. Installeer het (make setup doet dat als root: apt-get install nginx)." >&2
  exit 1
fi
mkdir -p "$PRODUCTIE_DIR" "$LOG_DIR"
chmod 700 "$PRODUCTIE_DIR"

# Secrets: generated once (48 random bytes each), kept in geheimen.env; the environment wins.
secrets_file="$PRODUCTIE_DIR/geheimen.env"
if [ ! -f "$secrets_file" ]; then
  (umask 077; $PY - >"$secrets_file" <<'PYEOF'
import secrets
for name in ("RASA_AUTH_TOKEN", "ACTION_SERVER_SECRET", "SITE_TOKEN_SECRET"):
    print(f"{name}={secrets.token_urlsafe(48)}")
PYEOF
  )
fi
while IFS='=' read -r key value; do
  case "$key" in ''|\#*) continue;; esac
  if [ -z "${!key:-}" ]; then export "$key=$value"; fi
done <"$secrets_file"

export INTAKE_MODUS=productie RASA_TELEMETRY_ENABLED=false
export RASA_INTERFACE=127.0.0.1 SANIC_HOST=127.0.0.1
export RASA_ENDPOINTS="${RASA_ENDPOINTS:-deploy/endpoints.production.yml}"
export RASA_CREDENTIALS="${RASA_CREDENTIALS:-deploy/credentials.productie.yml}"
export POSTGRES_HOST POSTGRES_PORT POSTGRES_DB POSTGRES_USER POSTGRES_PASSWORD
export REDIS_HOST REDIS_PORT REDIS_DB RABBITMQ_HOST RABBITMQ_USER RABBITMQ_PASSWORD
pg_auth="$POSTGRES_USER${POSTGRES_PASSWORD:+:$POSTGRES_PASSWORD}"
export ONDERWIJSLOKET_DB_URL="${ONDERWIJSLOKET_DB_URL:-postgresql://$pg_auth@$POSTGRES_HOST:$POSTGRES_PORT/$POSTGRES_DB}"
export SITE_REDIS_URL="${SITE_REDIS_URL:-redis://$REDIS_HOST:$REDIS_PORT/$REDIS_DB}"
export SITE_REDIS_CHANNEL="${SITE_REDIS_CHANNEL:-onderwijsloket-site-$POSTGRES_DB-$REDIS_DB}"
# nginx is the one proxy in front of Rasa and the inbox: trust one X-Forwarded-For entry.
export SITE_TRUSTED_PROXIES="${SITE_TRUSTED_PROXIES:-1}" INBOX_TRUSTED_PROXIES="${INBOX_TRUSTED_PROXIES:-1}"
export SITE_ORIGINS="${SITE_ORIGINS:-http://localhost:$PUBLIC_PORT,http://127.0.0.1:$PUBLIC_PORT}"
# The inbox talks to Rasa through nginx's internal server (127.0.0.1:INTERN_PORT).
export RASA_URL="${RASA_URL:-http://127.0.0.1:$INTERN_PORT}" INBOX_PORT

if ! PYTHONWARNINGS=ignore $PY -m bot.modus controleer >/dev/null; then
  echo "Ik start niet in productiemodus met deze instellingen:" >&2
  PYTHONWARNINGS=ignore $PY -m bot.modus controleer >&2 || true
  exit 1
fi
if [ -z "${RASA_MODEL:-}" ]; then
  RASA_MODEL="${MODEL_DIR:-$(PYTHONWARNINGS=ignore $PY -m bot.maintenance.production pad)}"
fi
if [ ! -e "$RASA_MODEL" ]; then
  echo "Geen model op $RASA_MODEL. Train eerst: make train." >&2
  exit 1
fi

rasa_ports=() action_ports=()
for n in $(seq 0 $((RASA_REPLICAS - 1))); do
  rasa_ports+=($((RASA_BASE_PORT + n))); action_ports+=($((ACTION_BASE_PORT + n)))
done
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$PUBLIC_PORT" "$INTERN_PORT" "$INBOX_PORT" "${rasa_ports[@]}" "${action_ports[@]}"; do
  if port_in_use "$port"; then
    echo "Poort $port is al in gebruik. Stop het andere proces of kies andere poorten (PUBLIC_PORT, INTERN_PORT, INBOX_PORT, RASA_BASE_PORT, ACTION_BASE_PORT)." >&2
    exit 1
  fi
done

# The database (created when it does not exist yet), then the knowledge base (idempotent).
if ! PYTHONWARNINGS=ignore $PY - <<'PYEOF'
import os, sys
import sqlalchemy as sa
url = sa.engine.make_url(os.environ["ONDERWIJSLOKET_DB_URL"])
admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT", future=True)
try:
    with admin.connect() as c:
        for name in {os.environ["POSTGRES_DB"], url.database}:
            if c.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first() is None:
                c.execute(sa.text(f'CREATE DATABASE "{name}"'))
except sa.exc.OperationalError as error:
    print(f"PostgreSQL is niet bereikbaar ({url.host}:{url.port}): {error.orig}", file=sys.stderr)
    sys.exit(1)
PYEOF
then exit 1; fi
if ! PYTHONWARNINGS=ignore $PY -m bot.knowledge load; then
  echo "De kennisbank laden mislukt (ONDERWIJSLOKET_DB_URL)." >&2
  exit 1
fi

# nginx configuration from the template (only our names are filled in; nginx's own $vars stay).
nginx_dir="$(cd "$PRODUCTIE_DIR" && pwd)/nginx"
mkdir -p "$nginx_dir/tmp"
upstreams="" intern=""
for i in "${!rasa_ports[@]}"; do
  upstreams+="        server 127.0.0.1:${rasa_ports[$i]} max_fails=1 fail_timeout=10s;"$'\n'
  if [ "$i" = 0 ]; then intern+="        server 127.0.0.1:${rasa_ports[$i]} max_fails=1 fail_timeout=10s;"$'\n'
  else intern+="        server 127.0.0.1:${rasa_ports[$i]} backup;"$'\n'; fi
done
NGINX_DIR="$nginx_dir" NGINX_WORKERS="$NGINX_WORKERS" NGINX_ACCESS_LOG="${NGINX_ACCESS_LOG:-$(cd "$LOG_DIR" && pwd)/nginx-access.log}" \
UPSTREAM_SERVERS="$upstreams" INTERN_SERVERS="$intern" INBOX_PORT="$INBOX_PORT" \
PUBLIC_LISTEN="$PUBLIC_INTERFACE:$PUBLIC_PORT" INTERN_PORT="$INTERN_PORT" \
  envsubst '${NGINX_DIR} ${NGINX_WORKERS} ${NGINX_ACCESS_LOG} ${UPSTREAM_SERVERS} ${INTERN_SERVERS} ${INBOX_PORT} ${PUBLIC_LISTEN} ${INTERN_PORT}' \
  <deploy/nginx/onderwijsloket.conf.template >"$nginx_dir/nginx.conf"
# As root nginx's workers run as 'nobody': they need their temporary directories.
if [ "$(id -u)" = 0 ]; then chown -R nobody "$nginx_dir/tmp"; fi
if ! nginx -t -q -p "$nginx_dir" -c "$nginx_dir/nginx.conf" 2>"$LOG_DIR/nginx-test.log"; then
  echo "De nginx-configuratie klopt niet:" >&2; cat "$LOG_DIR/nginx-test.log" >&2; exit 1
fi

export SUPERVISE_LOG="$LOG_DIR/supervisie.log"
pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "Gestopt."
}
trap 'stop; exit 0' INT TERM
trap stop EXIT
supervise() { scripts/supervise.sh "$@" & pids+=($!); }

logs=(worker inbox nginx)
for i in "${!rasa_ports[@]}"; do
  n=$((i + 1)); logs+=("actions-$n" "rasa-$n")
  supervise "actions-$n" "$LOG_DIR/actions-$n.log" .venv/bin/rasa run actions --actions bot.actions --port "${action_ports[$i]}"
  supervise "rasa-$n" "$LOG_DIR/rasa-$n.log" env OMP_NUM_THREADS="$RASA_OMP_THREADS" \
    ACTION_ENDPOINT_URL="http://127.0.0.1:${action_ports[$i]}/webhook" \
    .venv/bin/rasa run --interface 127.0.0.1 --port "${rasa_ports[$i]}" --enable-api --auth-token="$RASA_AUTH_TOKEN" \
    --model "$RASA_MODEL" --endpoints "$RASA_ENDPOINTS" --credentials "$RASA_CREDENTIALS" --cors "$SITE_ORIGINS"
done
supervise worker "$LOG_DIR/worker.log" $PY -m connectors.worker
supervise inbox "$LOG_DIR/inbox.log" $PY -m connectors.inbox serve --port "$INBOX_PORT"
supervise nginx "$LOG_DIR/nginx.log" nginx -p "$nginx_dir" -c "$nginx_dir/nginx.conf"

echo "Bezig met starten: $RASA_REPLICAS Rasa-replica's (logs in $LOG_DIR/) ..."
for i in "${!rasa_ports[@]}"; do
  inbox_arg=(); [ "$i" = 0 ] && inbox_arg=(--inbox "http://127.0.0.1:$INBOX_PORT")
  if ! $PY -m bot.readiness --rasa "http://127.0.0.1:${rasa_ports[$i]}" --actions "http://127.0.0.1:${action_ports[$i]}" \
       "${inbox_arg[@]}" --token="$RASA_AUTH_TOKEN" --timeout "${READY_TIMEOUT:-420}" --pids "${pids[@]}"; then
    echo "Starten mislukt. Laatste regels van de logs:" >&2
    for log in "${logs[@]}"; do tail -n 20 "$LOG_DIR/$log.log" >&2 || true; done
    exit 1
  fi
done
for _ in $(seq 1 30); do
  if $PY -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)" \
       "http://127.0.0.1:$PUBLIC_PORT/webhooks/site/" 2>/dev/null; then break; fi
  sleep 1
done
cat <<MSG
Klaar. De productie-opstelling draait (INTAKE_MODUS=productie):
  Publiek (nginx)            http://localhost:$PUBLIC_PORT/webhooks/site/  (chat)  en  http://localhost:$PUBLIC_PORT/  (inbox)
  Rasa-replica's             ${rasa_ports[*]} (alleen 127.0.0.1), actieservers ${action_ports[*]}
  Intern voor de inbox       http://127.0.0.1:$INTERN_PORT (Rasa-API via nginx, alleen 127.0.0.1)
  Opslag                     PostgreSQL $POSTGRES_HOST:$POSTGRES_PORT/$POSTGRES_DB, Redis $REDIS_HOST:$REDIS_PORT/$REDIS_DB, RabbitMQ $RABBITMQ_HOST
  Geheimen                   $secrets_file
Stoppen: Ctrl-C
MSG
wait -n "${pids[@]}" || true
echo "De bewaking van een van de processen is gestopt; ik stop de rest." >&2
exit 1
