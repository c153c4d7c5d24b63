#!/usr/bin/env bash
# Training time from scratch (no cache) and memory of the running Rasa server.
# Not a test. Prints the figures for the README.
set -euo pipefail
cd "$(dirname "$0")/.."
out=var/bench/train
rm -rf "$out" && mkdir -p "$out/models"
export RASA_TELEMETRY_ENABLED=false
export RASA_CACHE_DIRECTORY="$out/cache"
/usr/bin/time -v .venv/bin/rasa train --data bot/data --domain domain.yml --config config.yml \
  --out "$out/models" --fixed-model-name bench >"$out/train.log" 2>"$out/time.txt" \
  || { tail -n 30 "$out/train.log" "$out/time.txt"; exit 1; }
wall=$(grep "Elapsed (wall clock)" "$out/time.txt" | awk '{print $NF}')
peak=$(grep "Maximum resident set size" "$out/time.txt" | awk '{print $NF}')
echo "training from scratch: wall ${wall}, peak memory $((peak / 1024)) MiB ($(nproc) cores)"

export RASA_PORT=15105 ACTION_PORT=15155 TRACKER_DB="$out/tracker.db" LOG_DIR="$out/log" MODEL_DIR="$out/models"
scripts/run.sh >"$out/run.out" 2>&1 &
runner=$!
trap 'kill -TERM $runner 2>/dev/null || true; wait $runner 2>/dev/null || true' EXIT
PYTHONPATH=. .venv/bin/python -m bot.readiness --rasa http://localhost:$RASA_PORT --actions http://localhost:$ACTION_PORT \
  --token lokaal-geheim --timeout 400
PYTHONPATH=. .venv/bin/python -m bot.benchmarks.server_memory --rasa http://localhost:$RASA_PORT --messages 100
