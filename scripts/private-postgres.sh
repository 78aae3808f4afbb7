#!/usr/bin/env bash
# Starts (or stops) a private PostgreSQL 15 cluster in DIR, listening only on a Unix socket there.
#   scripts/private-postgres.sh start DIR   -> prints the connection string
#   scripts/private-postgres.sh stop DIR
set -euo pipefail
action=${1:?start or stop}
dir=$(realpath -m "${2:?directory}")
bindir=/usr/lib/postgresql/15/bin
owner=()
if [ "$(id -u)" -eq 0 ]; then owner=(runuser -u postgres --); fi  # initdb refuses to run as root

case "$action" in
  start)
    if [ -f "$dir/data/postmaster.pid" ]; then "${owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast stop >/dev/null || true; fi
    rm -rf "$dir" && mkdir -p "$dir"
    [ ${#owner[@]} -eq 0 ] || chown postgres "$dir"
    "${owner[@]}" "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    "${owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-k $dir -c listen_addresses=''" start >/dev/null
    "$bindir/createdb" -h "$dir" -U postgres swarm
    echo "host=$dir user=postgres dbname=swarm"
    ;;
  stop)
    "${owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast stop >/dev/null
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
