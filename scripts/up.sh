#!/usr/bin/env bash
# `npm run up` / `npm start`: install, build if stale, then run the whole system on embedded defaults
# (scripts/up.ts: PostgreSQL, Temporal dev server, migrations, worker, API). Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf '[up] %s\n' "$*" >&2; }

bash scripts/ensure-build.sh

# Temporal CLI for the dev server (built once into .tools/ from the Go module proxy; ~3 min the first time).
if [ -z "${TEMPORAL_ADDRESS:-}" ]; then
  cli="$(bash scripts/toolchain/temporal-cli.sh | tail -n 1)"
  export TEMPORAL_CLI="$cli"
fi

exec node dist/scripts/up.js
