#!/usr/bin/env bash
# sqlite2pg's benchmark: one deterministic dataset, one private PostgreSQL 15 with default
# durability, and side by side in one run: psql's own \copy of the already-transformed rows
# (the ceiling), sqlite2pg migrate (validation included), sqlite2pg verify, sqlite2pg sync after
# ~1% of the rows changed in SQLite, sqlite2pg rollback after ~1% changed in PostgreSQL, and
# pgloader when it is installed; then capture: capture start, and a sync of 1,000 changed rows
# from the log against the same sync reading every table, and the application's write cost.
#   bash bench/run.sh [EVENTS]        EVENTS deployment events (default 1000000), EVENTS/10 deployments
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-1000000}
bash scripts/setup.sh >/dev/null
out=$(pwd)/bench/out
rm -rf "$out" && mkdir -p "$out/mappings"
cp bench/mapping.yaml "$out/mappings/deployments.yaml"

echo "generating $events events and $((events / 10)) deployments ..."
sqlite3 "$out/bench.db" <bench/schema.sql
sed "s/:EVENTS/$events/g" bench/generate.sql | sqlite3 "$out/bench.db" >/dev/null
db_mb=$(($(stat -c %s "$out/bench.db") / 1048576))
rows=$((events + events / 10))

pg_dir=$(bash scripts/private-postgres.sh dir bench)  # where its server can reach it
dsn=$(bash scripts/private-postgres.sh start "$pg_dir")
trap 'bash scripts/private-postgres.sh stop "$pg_dir" >/dev/null 2>&1 || true' EXIT
fresh_target() {  # an empty database with the project's schema, indexes and foreign keys
  dropdb -h "$pg_dir" -U postgres --if-exists swarm
  createdb -h "$pg_dir" -U postgres swarm
  ./build/sqlite2pg schema up --target "$dsn" >/dev/null
}

# The ceiling's input: the rows already transformed, as CSV (not timed).
sqlite3 -csv "$out/bench.db" "SELECT lower(id), service, commit_sha, triggered_by, trigger_type, status,
  started_at || 'Z', completed_at, build_log, deploy_log, health_check_result, rollback_reason, created_at || 'Z'
  FROM deployments" >"$out/deployments.csv"
sqlite3 -csv "$out/bench.db" "SELECT id, lower(deployment_id), stage, status, message, details,
  strftime('%Y-%m-%dT%H:%M:%fZ', created_at / 1000.0, 'unixepoch') FROM deployment_events" >"$out/events.csv"

declare -A seconds rss failed
measure() {  # name command...: wall seconds and peak RSS of the command
  local name=$1
  shift
  /usr/bin/time -f "%e %M" -o "$out/time-$name" "$@" >"$out/log-$name" 2>&1 || {
    echo "$name failed:"
    tail -20 "$out/log-$name"
    failed[$name]=$(grep -v '^Command exited' "$out/log-$name" | grep . | tail -1 | cut -c1-60)
    return 1
  }
  read -r seconds[$name] rss[$name] <"$out/time-$name"
}

echo "psql \\copy (ceiling) ..."
fresh_target
measure copy psql "$dsn" -v ON_ERROR_STOP=1 \
  -c "\\copy deploy.deployments (id, service, commit_sha, triggered_by, trigger_type, status, started_at, completed_at, build_log, deploy_log, health_check_result, rollback_reason, created_at) FROM '$out/deployments.csv' CSV" \
  -c "\\copy deploy.deployment_events (id, deployment_id, stage, status, message, details, created_at) FROM '$out/events.csv' CSV"

echo "sqlite2pg migrate ..."
fresh_target
measure migrate ./build/sqlite2pg migrate --quiet --target "$dsn" --mappings "$out/mappings" \
  --source "deployments=$out/bench.db"

echo "sqlite2pg verify ..."
measure verify ./build/sqlite2pg verify --quiet --target "$dsn" --mappings "$out/mappings" \
  --source "deployments=$out/bench.db"

echo "sqlite2pg sync, nothing changed ..."
measure sync_none ./build/sqlite2pg sync --quiet --target "$dsn" --mappings "$out/mappings" \
  --source "deployments=$out/bench.db"

echo "changing about 1% of the rows in SQLite ..."
changed=$(sed "s/:EVENTS/$events/g" bench/change.sql | sqlite3 "$out/bench.db" | sed -n 's/^changed rows: //p')
echo "sqlite2pg sync, $changed rows changed ..."
measure sync ./build/sqlite2pg sync --quiet --target "$dsn" --mappings "$out/mappings" \
  --source "deployments=$out/bench.db"

echo "changing about 1% of the rows in PostgreSQL ..."
sed "s/:EVENTS/$events/g" bench/change_pg.sql | psql "$dsn" -q -v ON_ERROR_STOP=1 >/dev/null
echo "sqlite2pg rollback ..."
measure rollback ./build/sqlite2pg rollback --quiet --target "$dsn" --mappings "$out/mappings" \
  --source "deployments=$out/bench.db" --out "$out/back" --report "$out/rollback.json"
pg_changed=$(python3 -c "import json; t = json.load(open('$out/rollback.json'))['tables']; print(sum(x['updated'] + x['inserted'] + x['deleted'] for x in t))")

if command -v pgloader >/dev/null; then
  echo "pgloader ..."
  fresh_target
  # Another tool failing is a result, not the end of the benchmark.
  measure pgloader pgloader --on-error-stop "$out/bench.db" "postgresql:///swarm?host=$pg_dir&user=postgres" || true
fi

# Capture: the cutover window costs the change, not the file. Capture starts on the file as it is
# now, migrate loads it (recording where the log stands), the application changes 1,000 rows,
# then the same sync runs twice from one target state: reading every table, and from the log.
echo "sqlite2pg capture start ..."
fresh_target
measure capture_start ./build/sqlite2pg capture start --mappings "$out/mappings" \
  --source "deployments=$out/bench.db"
./build/sqlite2pg migrate --quiet --target "$dsn" --mappings "$out/mappings" \
  --source "deployments=$out/bench.db" >"$out/log-migrate-capture" 2>&1
sed "s/:EVENTS/$events/g" bench/change_small.sql | sqlite3 "$out/bench.db"
dropdb -h "$pg_dir" -U postgres --if-exists swarm_whole
createdb -h "$pg_dir" -U postgres -T swarm swarm_whole
echo "sqlite2pg sync --read-whole, 1000 rows changed ..."
measure sync_whole ./build/sqlite2pg sync --quiet --read-whole --target "${dsn/dbname=swarm/dbname=swarm_whole}" \
  --mappings "$out/mappings" --source "deployments=$out/bench.db"
echo "sqlite2pg sync from the log, 1000 rows changed ..."
measure sync_log ./build/sqlite2pg sync --quiet --target "$dsn" --mappings "$out/mappings" \
  --source "deployments=$out/bench.db"
grep -q "changes read from its log" "$out/log-sync_log" || { echo "sync did not read the log:"; cat "$out/log-sync_log"; exit 1; }
echo "sqlite2pg sync from the log, nothing changed ..."
measure sync_log_none ./build/sqlite2pg sync --quiet --target "$dsn" --mappings "$out/mappings" \
  --source "deployments=$out/bench.db"
echo "the application's writes with capture on and off ..."
cp "$out/bench.db" "$out/off.db"
./build/sqlite2pg capture stop --mappings "$out/mappings" --source "deployments=$out/off.db" >/dev/null
write_on=$(bash bench/writes.sh "$out/bench.db" 2000)
write_off=$(bash bench/writes.sh "$out/off.db" 2000)

echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "dataset: $rows rows ($events events, $((events / 10)) deployments), SQLite file $db_mb MB"
printf "%-26s %9s %12s %9s %10s\n" "path" "seconds" "rows/s" "MB/s" "peak RSS"
for name in copy migrate verify sync_none sync rollback pgloader capture_start sync_whole sync_log sync_log_none; do
  label=$name
  [ "$name" = copy ] && label="psql \\copy (ceiling)"
  [ "$name" = migrate ] && label="sqlite2pg migrate"
  [ "$name" = verify ] && label="sqlite2pg verify"
  [ "$name" = sync_none ] && label="sqlite2pg sync (none)"
  [ "$name" = sync ] && label="sqlite2pg sync (${changed})"
  [ "$name" = rollback ] && label="sqlite2pg rollback (${pg_changed:-})"
  [ "$name" = capture_start ] && label="sqlite2pg capture start"
  [ "$name" = sync_whole ] && label="sync --read-whole (1000)"
  [ "$name" = sync_log ] && label="sync from the log (1000)"
  [ "$name" = sync_log_none ] && label="sync from the log (none)"
  if [ -n "${failed[$name]:-}" ]; then
    printf "%-26s %9s  %s\n" "$label" "failed" "${failed[$name]}"
    continue
  fi
  [ -n "${seconds[$name]:-}" ] || continue
  awk -v l="$label" -v s="${seconds[$name]}" -v r="$rows" -v m="$db_mb" -v k="${rss[$name]}" \
    'BEGIN { printf "%-26s %9.2f %12.0f %9.1f %7.0f MB\n", l, s, r / s, m / s, k / 1024 }'
done
awk -v m="${seconds[migrate]}" -v c="${seconds[copy]}" -v v="${seconds[verify]}" \
  -v s="${seconds[sync]:-0}" -v n="${seconds[sync_none]:-0}" -v b="${seconds[rollback]:-0}" \
  'BEGIN { printf "migrate / ceiling = %.2f    verify / migrate = %.2f\n", m / c, v / m
           printf "sync / migrate = %.2f    sync (none) / verify = %.2f\n", s / m, n / v
           printf "rollback / migrate = %.2f\n", b / m }'
awk -v l="${seconds[sync_log]}" -v w="${seconds[sync_whole]}" -v on="$write_on" -v off="$write_off" \
  'BEGIN { printf "sync from the log / sync --read-whole = %.3f (1000 rows changed)\n", l / w
           printf "application write: %.1f us with capture, %.1f us without = %.2fx\n", on, off, on / off }'
