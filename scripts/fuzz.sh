#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (AddressSanitizer and UBSan on) and runs each for
# FUZZ_SECONDS (default 30) from its corpus in tests/fuzz/corpus. New inputs go to a scratch
# copy, so the tree is not changed; a crash leaves its input in build-fuzz/ and fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-30}
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSQLITE2PG_FUZZ=ON -DSQLITE2PG_WERROR=ON \
  -DSQLITE2PG_TESTS=OFF >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target fuzz_timestamp fuzz_uuid fuzz_json fuzz_mapping fuzz_numeric fuzz_scaffold
for target in timestamp uuid json mapping numeric scaffold; do
  scratch=$(mktemp -d)
  cp -r "tests/fuzz/corpus/$target/." "$scratch/"
  echo "fuzzing $target for ${seconds}s ..."
  (cd build-fuzz && "./tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 "$scratch" 2>&1 | grep -E "^(#[0-9]+ *DONE|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY)" || true)
  rm -rf "$scratch"
  if compgen -G "build-fuzz/crash-*" >/dev/null || compgen -G "build-fuzz/timeout-*" >/dev/null ||
    compgen -G "build-fuzz/oom-*" >/dev/null; then
    echo "fuzz_$target found a failure: $(ls build-fuzz/crash-* build-fuzz/timeout-* build-fuzz/oom-* 2>/dev/null)"
    exit 1
  fi
done
echo "fuzzing: no crash, no hang, every property held"
