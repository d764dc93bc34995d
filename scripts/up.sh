#!/usr/bin/env bash
# `npm run up` / `npm start`: install, build if stale, then run the whole system (scripts/up.ts). Ctrl-C stops it.
#   npm start                                 embedded defaults: PostgreSQL, Temporal dev server, worker, API
#   npm run up -- --topology production       PostgreSQL, Temporal server on it with its UI, 2 workers, 2 API replicas
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf '[up] %s\n' "$*" >&2; }

bash scripts/ensure-build.sh

production="" prev=""
for a in "$@"; do
  case "$prev $a" in *" --topology=production" | "--topology production") production=1 ;; esac
  prev="$a"
done

if [ -n "$production" ]; then
  # Temporal server, its schema tool and the Web UI, built once into .tools/ from the Go module proxy (README:
  # "The production topology" has the first-build times).
  TEMPORAL_SERVER="$(bash scripts/toolchain/temporal-server.sh server | tail -n 1)"
  TEMPORAL_SQL_TOOL="$(bash scripts/toolchain/temporal-server.sh sql-tool | tail -n 1)"
  TEMPORAL_UI_SERVER="$(bash scripts/toolchain/temporal-server.sh ui | tail -n 1)"
  export TEMPORAL_SERVER TEMPORAL_SQL_TOOL TEMPORAL_UI_SERVER
elif [ -z "${TEMPORAL_ADDRESS:-}" ]; then
  # Temporal CLI for the dev server (built once into .tools/ from the Go module proxy; ~3 min the first time).
  cli="$(bash scripts/toolchain/temporal-cli.sh | tail -n 1)"
  export TEMPORAL_CLI="$cli"
fi

exec node dist/scripts/up.js "$@"
