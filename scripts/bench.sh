#!/usr/bin/env bash
# npm run bench: builds if stale, ensures the Temporal CLI, then runs scripts/bench.ts (figures as ratios).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-build.sh
TEMPORAL_CLI="$(bash scripts/toolchain/temporal-cli.sh | tail -n 1)" exec node dist/scripts/bench.js "$@"
