#!/usr/bin/env bash
# Starts the local services the tests use (PostgreSQL, Redis, RabbitMQ) when they are down, with the
# commands these machines document. Idempotent: a running service is left alone.
set -uo pipefail

up() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() {  # port, name
  for _ in $(seq 1 30); do up "$1" && return 0; sleep 1; done
  echo "services: $2 start niet (poort $1)." >&2
  return 1
}

status=0
if ! up 5432; then
  echo "services: PostgreSQL starten ..."
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || true
  wait_for 5432 PostgreSQL || status=1
fi
if ! up 6379; then
  echo "services: Redis starten ..."
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis \
    --logfile /var/log/redis/ci.log || true
  wait_for 6379 Redis || status=1
fi
if ! up 5672; then
  echo "services: RabbitMQ starten ..."
  rabbitmq-server -detached || true
  wait_for 5672 RabbitMQ || status=1
fi
exit $status
