#!/bin/sh
# A private RabbitMQ node in the foreground, as the app host runs it, with an epmd of its own on
# $ERL_EPMD_PORT so that no port mapper of the system's is used or left behind. The ports come from
# Aspire ($RABBITMQ_NODE_PORT, $RABBITMQ_DIST_PORT, $ERL_EPMD_PORT); epmd's is also written to
# ROOT/epmd.port for rabbitmqctl. A stop (SIGTERM) stops the node cleanly, then epmd.
# usage: rabbitmq.sh ROOT
set -eu
root="$1"

epmd -port "$ERL_EPMD_PORT" -address 127.0.0.1 &
epmd=$!
until epmd -port "$ERL_EPMD_PORT" -names >/dev/null 2>&1; do
  kill -0 "$epmd" 2>/dev/null || { echo "epmd could not start on port $ERL_EPMD_PORT" >&2; exit 1; }
  sleep 0.1
done
echo "$ERL_EPMD_PORT" > "$root/epmd.port"

/usr/lib/rabbitmq/bin/rabbitmq-server &
node=$!
trap 'kill -TERM "$node" 2>/dev/null' TERM INT
status=0
wait "$node" || status=$?
# A trapped signal interrupts the first wait; the second waits for the node to finish stopping.
if kill -0 "$node" 2>/dev/null; then wait "$node" || status=$?; fi
kill "$epmd" 2>/dev/null || true
wait "$epmd" 2>/dev/null || true
exit "$status"
