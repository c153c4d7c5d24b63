#!/usr/bin/env bash
# Chat with the bot in the terminal; starts the action server for the session.
set -euo pipefail
cd "$(dirname "$0")/.."
export RASA_TELEMETRY_ENABLED=false TRACKER_DB="${TRACKER_DB:-var/shell.db}"
mkdir -p var/log
.venv/bin/rasa run actions --actions bot.actions --port 5055 >var/log/actions-shell.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
.venv/bin/rasa shell --model bot/models --endpoints endpoints.yml
