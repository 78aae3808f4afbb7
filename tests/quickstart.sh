#!/usr/bin/env bash
# The README's quick start as a newcomer meets it: a checkout in a directory only its owner can
# enter (as /root is), with a space in its path, run as root and, when this runs as root, as an
# ordinary user from a 0700 home as well. The psql and stop commands the demo prints are run
# exactly as printed, and stopping twice says the server is not running.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }
passed=0

copy_checkout() {  # DIR: the tracked and untracked (not ignored) files, as a clone would have them
  mkdir -p "$1"
  (cd "$repo" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) |
    tar -xf - -C "$1"
}

printed() {  # LABEL LOG: the command the demo printed after LABEL
  grep -m1 "^$1" "$2" | sed "s/^$1 *//"
}

check_demo() {  # CHECKOUT [USER]
  local checkout=$1 user=${2:-} log as=()
  log=$(mktemp)
  [ -z "$user" ] || as=(runuser -u "$user" --)
  echo "quick start in '$checkout'${user:+ as $user}"
  # A compiler cache, when the caller uses one, sees paths relative to the checkout.
  "${as[@]}" env CCACHE_BASEDIR="$checkout" bash "$checkout/scripts/demo.sh" >"$log" 2>&1 ||
    { tail -40 "$log"; fail "demo.sh"; }
  grep -q "COMMITTED: 17 tables, 505 rows" "$log" || { cat "$log"; fail "no COMMITTED line"; }
  grep -q "SAFE TO DELETE" "$log" || { cat "$log"; fail "no SAFE verdict"; }
  local psql_command stop_command
  psql_command=$(printed "PostgreSQL is still running:" "$log")
  stop_command=$(printed "stop it with:" "$log")
  [ "$("${as[@]}" bash -c "$psql_command -Atc 'SELECT count(*) FROM deploy.deployments'")" = 41 ] ||
    fail "the printed psql command: $psql_command"
  "${as[@]}" bash -c "$stop_command" | grep -q "^stopped the server" || fail "stop: $stop_command"
  "${as[@]}" bash -c "$stop_command" | grep -q "^no server is running" || fail "second stop"
  rm -f "$log"
  passed=$((passed + 1))
}

home=$(mktemp -d)  # 0700, like /root
trap 'rm -rf "$home"' EXIT
copy_checkout "$home/my checkout/sqlite2pg"
check_demo "$home/my checkout/sqlite2pg"

if [ "$(id -u)" -eq 0 ]; then
  user=s2p-newcomer
  id -u "$user" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$user"
  user_home=$(getent passwd "$user" | cut -d: -f6)
  chmod 0700 "$user_home"
  rm -rf "$user_home/sqlite2pg"
  copy_checkout "$user_home/sqlite2pg"
  chown -R "$user:" "$user_home/sqlite2pg"
  check_demo "$user_home/sqlite2pg" "$user"
  rm -rf "$user_home/sqlite2pg"
fi
echo "quickstart: $passed passed, 0 failed"
