#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite (unit tests, then the
# integration tests, which start their own private PostgreSQL cluster).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
