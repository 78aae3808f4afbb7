#!/usr/bin/env bash
# The application's side of capture: FILE gets N single-row INSERT, UPDATE and DELETE
# transactions (WAL, synchronous=NORMAL), one sqlite3 process; prints the microseconds per write.
#   bash bench/writes.sh FILE N
set -euo pipefail
file=$1 n=$2
{
  echo "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
  echo "CREATE TEMP TABLE d AS SELECT id FROM deployments LIMIT 1;"
  for i in $(seq 1 "$n"); do
    echo "INSERT INTO deployment_events (deployment_id, stage, status, message, details, created_at) SELECT id, 'w', 'ok', 'write $i', '{}', $i FROM d;"
    echo "UPDATE deployment_events SET message = 'updated $i' WHERE id = last_insert_rowid();"
    echo "DELETE FROM deployment_events WHERE id = (SELECT max(id) FROM deployment_events);"
  done
} >"$file.writes.sql"
start=$(date +%s%N)
sqlite3 "$file" <"$file.writes.sql" >/dev/null
end=$(date +%s%N)
awk -v t=$(((end - start) / 1000)) -v n="$n" 'BEGIN { printf "%.1f\n", t / (3 * n) }'
