#!/usr/bin/env bash
# rollback's memory against the size of the change: the same dataset, ~1% and then ~10% of its
# rows changed in PostgreSQL (bench/change_pg.sql, its moduli scaled), a rollback after each,
# its wall seconds and peak RSS side by side. Rollback spools what it writes back to disk, so
# its peak should not grow with the change.
#   bash bench/rollback_memory.sh [EVENTS]   EVENTS deployment events (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-1000000}
bash scripts/setup.sh >/dev/null
out=$(pwd)/bench/out-rollback
rm -rf "$out" && mkdir -p "$out/mappings"
cp bench/mapping.yaml "$out/mappings/deployments.yaml"
echo "generating $events events and $((events / 10)) deployments ..."
sqlite3 "$out/bench.db" <bench/schema.sql
sed "s/:EVENTS/$events/g" bench/generate.sql | sqlite3 "$out/bench.db" >/dev/null
pg_dir=$(bash scripts/private-postgres.sh dir bench-rollback)
dsn=$(bash scripts/private-postgres.sh start "$pg_dir")
trap 'bash scripts/private-postgres.sh stop "$pg_dir" >/dev/null 2>&1 || true' EXIT
tool() { ./build/sqlite2pg "$@" --quiet --target "$dsn" --mappings "$out/mappings" \
  --source "deployments=$out/bench.db"; }

printf "%-10s %10s %9s %12s\n" "changed" "rows" "seconds" "peak RSS MB"
for scale in 1 10; do
  dropdb -h "$pg_dir" -U postgres --if-exists swarm
  createdb -h "$pg_dir" -U postgres swarm
  ./build/sqlite2pg schema up --target "$dsn" >/dev/null
  tool migrate >"$out/log-migrate-$scale" 2>&1
  # Every modulus of the change divided by `scale`: ~scale% of the rows.
  sed -e "s/:EVENTS/$events/g" -e "s|% 200 = 100|% $((200 / scale)) = $((100 / scale))|" \
    -e "s|% 200 = 7|% $((200 / scale)) = 7|" -e "s|/ 3333|/ $((3333 / scale))|" \
    -e "s|% 500 = 3|% $((500 / scale)) = 3|" bench/change_pg.sql |
    psql "$dsn" -q -v ON_ERROR_STOP=1 >/dev/null
  rm -rf "$out/back"
  /usr/bin/time -f "%e %M" -o "$out/time-$scale" ./build/sqlite2pg rollback --quiet \
    --target "$dsn" --mappings "$out/mappings" --source "deployments=$out/bench.db" \
    --out "$out/back" --report "$out/rollback-$scale.json" >"$out/log-rollback-$scale" 2>&1 ||
    { tail -20 "$out/log-rollback-$scale"; exit 1; }
  read -r secs kb <"$out/time-$scale"
  rows=$(python3 -c "import json; t = json.load(open('$out/rollback-$scale.json'))['tables']; print(sum(x['updated'] + x['inserted'] + x['deleted'] for x in t))")
  printf "%-10s %10s %9s %12s\n" "~$scale%" "$rows" "$secs" "$((kb / 1024))"
done
