#!/usr/bin/env bash
# A private PostgreSQL 15 cluster in one directory, listening only on a Unix socket there.
#   scripts/private-postgres.sh dir NAME    -> a directory for it that its server can reach
#   scripts/private-postgres.sh start DIR   -> starts a new, empty cluster; prints the connection string
#   scripts/private-postgres.sh stop DIR
# As root the server runs as the postgres system user (initdb refuses root), which cannot enter
# a 0700 home such as /root; `dir` therefore names a directory under /tmp, one per checkout.
set -euo pipefail
action=${1:?dir, start or stop}
bindir=/usr/lib/postgresql/15/bin
owner=()
if [ "$(id -u)" -eq 0 ]; then owner=(runuser -u postgres --); fi

case "$action" in
  dir)
    name=${2:?name}
    checkout=$(cd "$(dirname "$0")/.." && pwd)
    echo "/tmp/sqlite2pg-$name-$(id -u)-$(printf %s "$checkout" | sha256sum | cut -c1-8)"
    exit 0
    ;;
esac

dir=$(realpath -m "${2:?directory}")
case "$dir" in
  *[[:space:]\'\"\\]*) echo "$dir: the cluster directory must not contain spaces or quotes (it goes into a connection string)" >&2; exit 2 ;;
esac
running() { [ -f "$dir/data/postmaster.pid" ] && "${owner[@]}" "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; }

case "$action" in
  start)
    if running; then "${owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast stop >/dev/null; fi
    rm -rf "$dir" && mkdir -p -m 0700 "$dir"
    [ ${#owner[@]} -eq 0 ] || chown postgres "$dir"
    if ! "${owner[@]}" test -w "$dir"; then
      user=$(id -un)
      [ ${#owner[@]} -eq 0 ] || user=postgres
      echo "the server runs as $user, which cannot reach $dir (a parent directory is closed to it);" \
        "choose one it can enter, e.g. \$(bash $0 dir demo)" >&2
      exit 1
    fi
    if ! "${owner[@]}" "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
      >"$dir/initdb.log" 2>&1; then
      echo "initdb failed; its log:" >&2
      cat "$dir/initdb.log" >&2
      exit 1
    fi
    if ! "${owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-k $dir -c listen_addresses=''" start >/dev/null; then
      echo "the server did not start; its log:" >&2
      cat "$dir/server.log" >&2
      exit 1
    fi
    "$bindir/createdb" -h "$dir" -U postgres swarm
    echo "host=$dir user=postgres dbname=swarm"
    ;;
  stop)
    if ! running; then
      echo "no server is running in $dir"
      exit 0
    fi
    "${owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast stop >/dev/null
    echo "stopped the server in $dir"
    ;;
  *) echo "usage: $0 dir NAME | start DIR | stop DIR" >&2; exit 2 ;;
esac
