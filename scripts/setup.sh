#!/usr/bin/env bash
# Installs what building and running sqlite2pg need from Debian 12's packages, then builds it
# into ./build.
#   bash scripts/setup.sh           the tool: what the quick start needs
#   bash scripts/setup.sh --tests   also the test suite's packages (GoogleTest, clang and its
#                                   fuzzing runtime), the tests built, warnings as errors
set -euo pipefail
cd "$(dirname "$0")/.."
tests=OFF
[ "${1:-}" = --tests ] && tests=ON

packages=(build-essential cmake pkg-config postgresql-15 sqlite3
  libsqlitecpp-dev libsqlite3-dev libpq-dev nlohmann-json3-dev libyaml-cpp-dev
  libspdlog-dev libcli11-dev libssl-dev libxxhash-dev libarchive-dev)
# The tests check the target with libpqxx; the tool itself speaks libpq only.
[ $tests = OFF ] || packages+=(libgtest-dev libgmock-dev libpqxx-dev clang libclang-rt-14-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || {
      echo "missing packages: ${missing[*]}; run this as root, or install sudo" >&2
      exit 1
    }
    sudo=(sudo)
  fi
  echo "installing from Debian's packages: ${missing[*]}"
  # sqlite2pg starts private clusters and needs no system-wide one; said only when PostgreSQL
  # is not installed yet, so an existing setup is left as it is.
  if ! dpkg-query -W -f='${Status}' postgresql-common 2>/dev/null | grep -q "ok installed" &&
    [ ! -e /etc/postgresql-common/createcluster.conf ]; then
    "${sudo[@]}" mkdir -p /etc/postgresql-common
    echo "create_main_cluster = false" | "${sudo[@]}" tee /etc/postgresql-common/createcluster.conf >/dev/null
  fi
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    -o Dpkg::Options::=--force-confold "${missing[@]}"
fi

# --tests turns the tests (and warnings as errors) on; without it a new build leaves them out
# and an existing one keeps what it has, so the demo or the benchmark does not undo --tests.
options=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
if [ $tests = ON ]; then
  options+=(-DSQLITE2PG_TESTS=ON -DSQLITE2PG_WERROR=ON)
elif [ ! -f build/CMakeCache.txt ]; then
  options+=(-DSQLITE2PG_TESTS=OFF)
fi
cmake -S . -B build "${options[@]}" >/dev/null
cmake --build build -j"$(nproc)"
