#!/usr/bin/env bash
# The quick start: builds sqlite2pg, builds the bundled sample databases into .demo/, starts a
# private PostgreSQL 15 (in a directory its server can reach, printed below), and runs migrate
# then verify against it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

demo=$(pwd)/.demo
mkdir -p "$demo"
sources=()
for name in registry deployments swarm; do
  rm -f "$demo/$name.db"
  sqlite3 "$demo/$name.db" <"samples/$name.sql"
  sources+=(--source "$name=$demo/$name.db")
done
cluster=$(bash scripts/private-postgres.sh dir demo)
target=$(bash scripts/private-postgres.sh start "$cluster")

echo
echo "== sqlite2pg migrate"
./build/sqlite2pg migrate --target "$target" "${sources[@]}" --report "$demo/migrate-report.json"
echo
echo "== sqlite2pg verify"
./build/sqlite2pg verify --target "$target" "${sources[@]}" --report "$demo/verify-report.json"
echo
q() { printf '%q' "$1"; }
echo "PostgreSQL is still running:  psql \"$target\""
echo "reports:                      $(q "$demo/migrate-report.json") $(q "$demo/verify-report.json")"
echo "stop it with:                 bash $(q "$(pwd)/scripts/private-postgres.sh") stop $cluster"
