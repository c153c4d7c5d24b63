#!/usr/bin/env bash
# Keeps one process running: starts it, and when it stops starts it again with backoff.
#
#   scripts/supervise.sh NAME LOGFILE COMMAND [ARGS...]
#
# The command's output is appended to LOGFILE. Every start and stop is logged on
# stderr with a time stamp (and appended to SUPERVISE_LOG when that is set). The wait before a restart doubles after each quick stop
# (SUPERVISE_MIN_DELAY, default 1 s, up to SUPERVISE_MAX_DELAY, default 30 s) and goes
# back to the minimum when the process ran at least SUPERVISE_STABLE seconds (60).
# SIGTERM or SIGINT to this script stops the process (SIGTERM, then SIGKILL after
# SUPERVISE_STOP_TIMEOUT seconds, default 20) and ends the script.
set -uo pipefail

name=$1 logfile=$2
shift 2
min_delay=${SUPERVISE_MIN_DELAY:-1} max_delay=${SUPERVISE_MAX_DELAY:-30}
stable=${SUPERVISE_STABLE:-60} stop_timeout=${SUPERVISE_STOP_TIMEOUT:-20}

say() {
  local line
  line="$(date '+%Y-%m-%d %H:%M:%S') [$name] $*"
  echo "$line" >&2
  if [ -n "${SUPERVISE_LOG:-}" ]; then echo "$line" >>"$SUPERVISE_LOG"; fi
}

child=""
stopping=0
# On SIGTERM/SIGINT: pass SIGTERM on; the loop below waits for the process and ends.
stop() {
  stopping=1
  if [ -n "$child" ]; then kill -TERM "$child" 2>/dev/null; fi
}
trap stop TERM INT

finish() {  # the process got SIGTERM; give it time, then SIGKILL
  for _ in $(seq $((stop_timeout * 10))); do
    kill -0 "$child" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$child" 2>/dev/null
  wait "$child" 2>/dev/null
  say "gestopt op verzoek"
  exit 0
}

delay=$min_delay
while true; do
  started=$SECONDS
  "$@" >>"$logfile" 2>&1 &
  child=$!
  if [ "$stopping" = 1 ]; then kill -TERM "$child" 2>/dev/null; finish; fi
  say "gestart (pid $child)"
  status=0
  wait "$child" || status=$?
  # A trapped signal interrupts `wait`: then the process may still be running.
  if [ "$stopping" = 1 ]; then finish; fi
  while kill -0 "$child" 2>/dev/null; do
    status=0
    wait "$child" || status=$?
    if [ "$stopping" = 1 ]; then finish; fi
  done
  ran=$((SECONDS - started))
  if [ "$ran" -ge "$stable" ]; then delay=$min_delay; fi
  if [ "$status" -gt 128 ]; then
    reason="door signaal $((status - 128))"
  else
    reason="met code $status"
  fi
  say "gestopt $reason na $ran s; opnieuw starten over $delay s (log: $logfile)"
  sleep "$delay" &
  child=$!
  wait "$child" 2>/dev/null
  if [ "$stopping" = 1 ]; then finish; fi
  delay=$(( delay * 2 > max_delay ? max_delay : delay * 2 ))
done
