#!/usr/bin/env bash
# Starts the action server, the Rasa server, the inbox and the delivery worker, each under
# a supervisor that restarts it when it stops; waits until they are ready, and stops
# everything on Ctrl-C. Ports and paths come from the environment (see .env.example).
# The model: the promoted one (bot/models/productie/, written only by make retrain) when
# there is one, else the development model of make train; RASA_MODEL overrides both.
# `scripts/run.sh --welk-model` prints the model it would serve and stops.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"

# Local settings (.env, see .env.example); values already in the environment win.
if [ -f .env ]; then
  while IFS='=' read -r key value; do
    case "$key" in ''|\#*) continue;; esac
    if [ -z "${!key:-}" ]; then export "$key=$value"; fi
  done < .env
fi
# INTAKE_MODUS=productie: no defaults for secrets, the production endpoints and channel
# files, and start-up refuses an unsafe configuration (bot/modus.py, docs/productie.md).
: "${INTAKE_MODUS:=lokaal}"
export INTAKE_MODUS
: "${RASA_PORT:=5005}" "${ACTION_PORT:=5055}" "${INBOX_PORT:=5080}"
if [ "$INTAKE_MODUS" = productie ]; then
  : "${RASA_INTERFACE:=127.0.0.1}"
else
  : "${RASA_AUTH_TOKEN:=lokaal-geheim}" "${RASA_INTERFACE:=0.0.0.0}"
fi
# The action server listens on localhost only unless SANIC_HOST says otherwise.
export SANIC_HOST="${SANIC_HOST:-127.0.0.1}" RASA_INTERFACE RASA_AUTH_TOKEN="${RASA_AUTH_TOKEN:-}"
# The site channel's limits per client address: Rasa sees the front (connectors/front.py)
# as its client, so it trusts one proxy in X-Forwarded-For; behind nginx as well, set 2.
export SITE_TRUSTED_PROXIES="${SITE_TRUSTED_PROXIES:-1}"
if ! PYTHONWARNINGS=ignore .venv/bin/python -m bot.modus controleer >/dev/null; then
  echo "Ik start niet in productiemodus met deze instellingen (zie docs/productie.md)." >&2
  exit 1
fi
RASA_ENDPOINTS="$(PYTHONWARNINGS=ignore .venv/bin/python -m bot.modus endpoints)"
RASA_CREDENTIALS="$(PYTHONWARNINGS=ignore .venv/bin/python -m bot.modus credentials)"
export RASA_ENDPOINTS RASA_CREDENTIALS
# RASA_RESERVE=1 (default): a warm second Rasa behind the front takes over at once.
: "${RASA_RESERVE:=1}" "${RASA_INTERN_PORT:=$((RASA_PORT + 10))}"
: "${TRACKER_DB:=var/tracker.db}" "${LOG_DIR:=var/log}"
# Threads of the sentence encoder's OpenMP runtime in each Rasa process: 1 by default.
# With more, its threads wait spinning for each other on a busy machine (make bench-latency).
: "${RASA_OMP_THREADS:=1}"
if [ -z "${RASA_MODEL:-}" ]; then
  RASA_MODEL="${MODEL_DIR:-$(PYTHONWARNINGS=ignore .venv/bin/python -m bot.maintenance.production pad)}"
fi
if [ "${1:-}" = "--welk-model" ]; then echo "$RASA_MODEL"; exit 0; fi
if [ ! -e "$RASA_MODEL" ]; then
  echo "Geen model op $RASA_MODEL. Train eerst: make train (of make run)." >&2
  exit 1
fi
export ACTION_ENDPOINT_URL="${ACTION_ENDPOINT_URL:-http://localhost:${ACTION_PORT}/webhook}"
export TRACKER_DB INBOX_PORT RASA_AUTH_TOKEN RASA_TELEMETRY_ENABLED=false
export RASA_URL="${RASA_URL:-http://localhost:$RASA_PORT}"
export SITE_ORIGINS="${SITE_ORIGINS:-http://localhost:$RASA_PORT,http://127.0.0.1:$RASA_PORT}"
mkdir -p "$(dirname "$TRACKER_DB")" "$LOG_DIR"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
case "$RASA_RESERVE" in 0|1) ;; *) echo "RASA_RESERVE is 0 of 1, niet '$RASA_RESERVE'." >&2; exit 1;; esac
rasa_ports=()
for n in $(seq 0 "$RASA_RESERVE"); do rasa_ports+=($((RASA_INTERN_PORT + n))); done
for port in "$RASA_PORT" "$ACTION_PORT" "$INBOX_PORT" "${rasa_ports[@]}"; do
  if port_in_use "$port"; then
    echo "Poort $port is al in gebruik. Stop het andere proces of kies een andere poort (RASA_PORT, ACTION_PORT, INBOX_PORT, RASA_INTERN_PORT)." >&2
    exit 1
  fi
done

# Knowledge base: bring the schema up to date and load the content (idempotent).
if ! PYTHONWARNINGS=ignore .venv/bin/python -m bot.knowledge load; then
  echo "De kennisbank laden mislukt (ONDERWIJSLOKET_DB_URL=${ONDERWIJSLOKET_DB_URL:-SQLite in var/})." >&2
  exit 1
fi

# Every process runs under scripts/supervise.sh: when one stops (a crash, SIGKILL), it is
# started again with backoff (1, 2, 4 ... 30 s), logged in $LOG_DIR/supervisie.log and here.
# Ctrl-C (SIGINT) or SIGTERM stops the supervisors, and they stop their processes.
export SUPERVISE_LOG="$LOG_DIR/supervisie.log"
for log in actions worker inbox front rasa rasa-reserve; do : >"$LOG_DIR/$log.log"; done
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
supervise actions "$LOG_DIR/actions.log" .venv/bin/rasa run actions --actions bot.actions --port "$ACTION_PORT"
supervise worker "$LOG_DIR/worker.log" .venv/bin/python -m connectors.worker
supervise inbox "$LOG_DIR/inbox.log" .venv/bin/python -m connectors.inbox serve --port "$INBOX_PORT"
# Rasa runs behind connectors/front.py on RASA_PORT: one Rasa process, plus a warm reserve
# (RASA_RESERVE=1, the default) that takes over at once when the active one stops.
backends=()
for port in "${rasa_ports[@]}"; do
  name=rasa; [ "$port" = "$RASA_INTERN_PORT" ] || name=rasa-reserve
  supervise "$name" "$LOG_DIR/$name.log" env OMP_NUM_THREADS="$RASA_OMP_THREADS" .venv/bin/rasa run --interface 127.0.0.1 --port "$port" \
    --enable-api --auth-token="$RASA_AUTH_TOKEN" --model "$RASA_MODEL" --endpoints "$RASA_ENDPOINTS" \
    --credentials "$RASA_CREDENTIALS" --cors "${RASA_CORS:-http://localhost:${RASA_PORT}}"
  backends+=(--backend "http://127.0.0.1:$port")
done
supervise front "$LOG_DIR/front.log" .venv/bin/python -m connectors.front --host "$RASA_INTERFACE" --port "$RASA_PORT" "${backends[@]}"

echo "Bezig met starten (logs in $LOG_DIR/) ..."
if ! .venv/bin/python -m bot.readiness --rasa "http://localhost:$RASA_PORT" --actions "http://localhost:$ACTION_PORT" \
     --inbox "http://localhost:$INBOX_PORT" --token="$RASA_AUTH_TOKEN" --timeout "${READY_TIMEOUT:-300}" \
     --pids "${pids[@]}"; then
  echo "Starten mislukt. Laatste regels van de logs:" >&2
  tail -n 20 "$LOG_DIR"/{actions,worker,inbox,front,rasa,rasa-reserve}.log >&2
  exit 1
fi
cat <<MSG
Klaar. De assistent draait:
  Model                      $RASA_MODEL
  Demopagina met de chat     http://localhost:$RASA_PORT/webhooks/site/
  Rasa-server + REST-kanaal  http://localhost:$RASA_PORT/webhooks/rest/webhook
  HTTP-API (token nodig)     http://localhost:$RASA_PORT/status?token=...
  Actieserver                http://localhost:$ACTION_PORT/health
  Inbox voor intakers        http://localhost:$INBOX_PORT/  (account: make intaker)
  Overdrachten afleveren     worker (log: $LOG_DIR/worker.log), connectoren: ${HANDOFF_CONNECTORS:-inbox}
Stopt een proces, dan start het vanzelf opnieuw (log: $LOG_DIR/supervisie.log).
Reserve-Rasa: $([ "$RASA_RESERVE" = 1 ] && echo "aan (start op de achtergrond; neemt het over als Rasa stopt)" || echo "uit (RASA_RESERVE=0)")
Stoppen: Ctrl-C
MSG
# The supervisors run until Ctrl-C; `wait -n` only returns early when one of them ends itself.
wait -n "${pids[@]}" || true
echo "De bewaking van een van de servers is gestopt; ik stop de rest." >&2
exit 1
