#!/usr/bin/env bash
# The quick start: builds sqlite2pg, builds the bundled sample databases, starts a private
# PostgreSQL 15 in .demo/, and runs migrate then verify against it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

demo=.demo
mkdir -p "$demo"
sources=()
for name in registry deployments swarm; do
  rm -f "$demo/$name.db"
  sqlite3 "$demo/$name.db" <"samples/$name.sql"
  sources+=(--source "$name=$demo/$name.db")
done
target=$(bash scripts/private-postgres.sh start "$demo/postgres")

echo
echo "== sqlite2pg migrate"
./build/sqlite2pg migrate --target "$target" "${sources[@]}" --report "$demo/migrate-report.json"
echo
echo "== sqlite2pg verify"
./build/sqlite2pg verify --target "$target" "${sources[@]}" --report "$demo/verify-report.json"
echo
echo "PostgreSQL is still running:  psql \"$target\""
echo "reports:                      $demo/migrate-report.json $demo/verify-report.json"
echo "stop it with:                 bash scripts/private-postgres.sh stop $demo/postgres"
