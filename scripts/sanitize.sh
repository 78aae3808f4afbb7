#!/usr/bin/env bash
# Builds sqlite2pg and its tests with AddressSanitizer and UndefinedBehaviorSanitizer into
# build-asan and runs the unit and integration tests there: any leak, overflow or undefined
# behaviour fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSQLITE2PG_SANITIZE=ON -DSQLITE2PG_WERROR=ON >/dev/null
cmake --build build-asan -j"$(nproc)"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build-asan --output-on-failure -j"$(nproc)"
