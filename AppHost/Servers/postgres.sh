#!/bin/sh
# A private PostgreSQL cluster in the foreground, as the app host runs it: created on first use, then
# served on $PGPORT. PostgreSQL refuses to run as root, so as root the cluster belongs to and runs as
# the postgres user. A stop (SIGTERM from the app host) becomes PostgreSQL's fast shutdown, which ends
# client sessions and writes a clean checkpoint instead of waiting for every pool to close.
# usage: PLATFORM_POSTGRES_PASSWORD=... postgres.sh DATA_DIRECTORY [postgres -c options...]
set -eu
data="$1"
shift
bin=/usr/lib/postgresql/15/bin

as_owner() {
  if [ "$(id -u)" = 0 ]; then setpriv --reuid=postgres --regid=postgres --init-groups "$@"; else "$@"; fi
}

if [ ! -f "$data/PG_VERSION" ]; then
  mkdir -p "$data"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$data"; fi
  chmod 700 "$data"
  # The owner signs in with a password (SCRAM-SHA-256), given to initdb in a file only the owner can read.
  pwfile=$(mktemp)
  trap 'rm -f "$pwfile"' EXIT
  printf '%s\n' "$PLATFORM_POSTGRES_PASSWORD" > "$pwfile"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$pwfile"; fi
  chmod 600 "$pwfile"
  as_owner "$bin/initdb" -D "$data" -U platform --auth=scram-sha-256 --pwfile="$pwfile" -E UTF8 --locale=C --no-sync >/dev/null
  rm -f "$pwfile"
fi

set -- "$bin/postgres" -D "$data" -p "$PGPORT" -k "" -c listen_addresses=127.0.0.1 -c max_connections=300 "$@"
if [ "$(id -u)" = 0 ]; then
  setpriv --reuid=postgres --regid=postgres --init-groups "$@" &
else
  "$@" &
fi
server=$!
trap 'kill -INT "$server" 2>/dev/null' TERM INT
status=0
wait "$server" || status=$?
# A trapped signal interrupts the first wait; the second waits for the shutdown itself.
if kill -0 "$server" 2>/dev/null; then wait "$server" || status=$?; fi
exit "$status"
