#!/usr/bin/env bash
# Prints the absolute path of one binary of the production Temporal engine on the LAST line of stdout, building it
# once from the Go module proxy into .tools/ (git-ignored). Progress and errors go to stderr.
#
#   bash scripts/toolchain/temporal-server.sh server     Temporal server          (go.temporal.io/server/cmd/server)
#   bash scripts/toolchain/temporal-server.sh sql-tool   its SQL schema tool      (go.temporal.io/server/cmd/tools/sql)
#   bash scripts/toolchain/temporal-server.sh ui         the standalone Web UI    (github.com/temporalio/ui-server/v2/cmd/server)
#
# Resolution order (first match wins):
#   1. $TEMPORAL_SERVER / $TEMPORAL_SQL_TOOL / $TEMPORAL_UI_SERVER   explicit override, must be an executable file
#   2. .tools/temporal-server-<v>/… or .tools/temporal-ui-server-<v>/…  built by an earlier run (instant)
#   3. go install <module>@<version>   into a temporary GOBIN, then renamed into place under a lock
#   4. fail with instructions
#
# Fresh-machine build times on the 2-core box (empty Go module and build caches, other jobs running): see README
# ("The production topology"). Both `go install` targets named `server` — hence the renames and separate folders.
# The versions here are the images' versions in docker/compose.yml (test/unit: production-topology.spec.ts holds
# the two to the same values).
set -euo pipefail

TEMPORAL_SERVER_VERSION="v1.29.1"
TEMPORAL_UI_SERVER_VERSION="v2.42.1"

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd -P)"
mkdir -p "$REPO_ROOT/.tools"
TOOLS="$(cd "$REPO_ROOT/.tools" && pwd -P)"

log() { printf '[temporal-server] %s\n' "$*" >&2; }
# shellcheck source=lock.sh
. "$SCRIPT_DIR/lock.sh"

abspath() {
  case "$1" in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s/%s\n' "$(cd "$(dirname "$1")" && pwd -P)" "$(basename "$1")" ;;
  esac
}

component="${1:-}"
case "$component" in
  server)
    override_var=TEMPORAL_SERVER
    module="go.temporal.io/server/cmd/server@${TEMPORAL_SERVER_VERSION}"
    dir="$TOOLS/temporal-server-${TEMPORAL_SERVER_VERSION}"
    name=temporal-server
    built=server # go install names a binary after its package's folder
    ;;
  sql-tool)
    override_var=TEMPORAL_SQL_TOOL
    module="go.temporal.io/server/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}"
    dir="$TOOLS/temporal-server-${TEMPORAL_SERVER_VERSION}"
    name=temporal-sql-tool
    built=sql
    ;;
  ui)
    override_var=TEMPORAL_UI_SERVER
    module="github.com/temporalio/ui-server/v2/cmd/server@${TEMPORAL_UI_SERVER_VERSION}"
    dir="$TOOLS/temporal-ui-server-${TEMPORAL_UI_SERVER_VERSION}"
    name=temporal-ui-server
    built=server
    ;;
  *)
    log "usage: $0 server|sql-tool|ui"
    exit 2
    ;;
esac
target="$dir/$name"

# 1. Explicit override. Fail loudly if it is wrong: the user asked for that specific binary.
override="${!override_var:-}"
if [ -n "$override" ]; then
  if [ -f "$override" ] && [ -x "$override" ]; then
    abspath "$override"
    exit 0
  fi
  log "$override_var is set to '$override' but that is not an executable file."
  log "Fix the path, or unset $override_var to let this script build ${module}."
  exit 1
fi

# 2. Built by an earlier run. The binary is only ever moved into place complete, so its presence is the stamp.
if [ -x "$target" ]; then
  printf '%s\n' "$target"
  exit 0
fi

# 3. Build. Under a lock: two jest runs or two worktrees sharing .tools must not build the same binary at once.
if ! command -v go >/dev/null 2>&1; then
  log "ERROR: Go is needed to build $name (${module}); install it from https://go.dev/dl/,"
  log "or set $override_var=/absolute/path/to/an/existing/binary."
  exit 1
fi
mkdir -p "$dir"
acquire_lock "$dir/.lock-$name" "to finish building $name"
if [ -x "$target" ]; then # built by the process we waited for
  printf '%s\n' "$target"
  exit 0
fi
tmp_gobin="$(mktemp -d "$TOOLS/.gobin.XXXXXX")"
# One EXIT trap for both: acquire_lock's trap removes the lock, ours the temporary GOBIN.
# shellcheck disable=SC2064 # expand now
trap "rm -rf '$tmp_gobin' '$dir/.lock-$name'" EXIT
log "building $name from ${module} (first run only; several minutes on a fresh machine)…"
started=$(date +%s)
if ! GOBIN="$tmp_gobin" go install "$module" >&2; then
  log "ERROR: go install ${module} failed (see output above)."
  exit 1
fi
mv -f "$tmp_gobin/$built" "$target"
log "built $name in $(($(date +%s) - started)) s: $target"
printf '%s\n' "$target"
