#!/usr/bin/env bash
# npm run bench [-- registration|ledger|issuance|console|trace|topology|documents|notifications|scale|all …]: builds if stale, makes sure the tools the chosen sections
# need are there (before any server starts), then runs scripts/bench.ts (figures as ratios).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-build.sh

# The same section names bench.ts accepts; it rejects unknown ones with the usage.
sections=("$@")
wants() {
  local arg want
  [ "$#" -gt 0 ] || return 1
  [ "${#sections[@]}" -eq 0 ] && return 0
  for arg in "${sections[@]}"; do
    for want in all "$@"; do [ "$arg" = "$want" ] && return 0; done
  done
  return 1
}

# Registration, ledger, trace, topology, documents, notifications and scale run on a Temporal dev server (the CLI is built once, ~3 min on a fresh machine).
if wants registration ledger trace topology documents notifications scale; then
  TEMPORAL_CLI="$(bash scripts/toolchain/temporal-cli.sh | tail -n 1)"
  export TEMPORAL_CLI
fi
# The topology section also runs the production engine: Temporal server and its schema tool (built once, README).
if wants topology; then
  TEMPORAL_SERVER="$(bash scripts/toolchain/temporal-server.sh server | tail -n 1)"
  TEMPORAL_SQL_TOOL="$(bash scripts/toolchain/temporal-server.sh sql-tool | tail -n 1)"
  export TEMPORAL_SERVER TEMPORAL_SQL_TOOL
fi
# The ledger's baseline is pgbench on the same PostgreSQL; installed with apt-get if missing.
if wants ledger; then
  PGBENCH="$(bash scripts/toolchain/pgbench.sh)"
  export PGBENCH
fi
# The console section drives Debian's Chromium (installed with apt-get if missing, as for the browser tests).
if wants console; then
  CHROMIUM="$(bash scripts/toolchain/chromium.sh | tail -n 1)"
  export CHROMIUM
fi
exec node dist/scripts/bench.js "$@"
