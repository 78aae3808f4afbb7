#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite:
#   1. unit and integration tests (the integration tests start their own PostgreSQL cluster);
#   2. the same tests built with AddressSanitizer and UndefinedBehaviorSanitizer;
#   3. each libFuzzer target for FUZZ_SECONDS (default 30) from its corpus.
# SQLITE2PG_QUICK=1 runs step 1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests
ctest --test-dir build --output-on-failure -j"$(nproc)"
if [ "${SQLITE2PG_QUICK:-0}" != 1 ]; then
  echo "== sanitizer build"
  bash scripts/sanitize.sh
  echo "== fuzzers"
  bash scripts/fuzz.sh
fi
