#!/usr/bin/env bash
# Prints the absolute path of a Temporal CLI binary on the LAST line of stdout.
# Everything else (progress, errors) goes to stderr so callers can simply take
# the last stdout line.
#
# Resolution order (first match wins):
#   1. $TEMPORAL_CLI            explicit override, must be an executable file
#   2. .tools/bin/temporal      binary cached by a previous run (git-ignored)
#   3. go install               build v1.5.1 from the Go module proxy into .tools/bin
#   4. `temporal` on PATH       whatever the developer already has installed
#   5. fail with instructions
#
# The pinned version is v1.5.1 on purpose: later tags of github.com/temporalio/cli
# carry a `replace` directive in go.mod, and `go install pkg@version` refuses to
# build modules with replace directives. Bump only after checking that
# `go install github.com/temporalio/cli/cmd/temporal@<new>` works.
set -euo pipefail

TEMPORAL_CLI_VERSION="v1.5.1"
TEMPORAL_CLI_MODULE="github.com/temporalio/cli/cmd/temporal"

# Repo root = two levels above this script, independent of the caller's cwd.
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd -P)"
TOOLS_BIN="$REPO_ROOT/.tools/bin"
CACHED="$TOOLS_BIN/temporal"

log() { printf '[temporal-cli] %s\n' "$*" >&2; }

# Turn a possibly-relative path into an absolute one (realpath is not on every box).
abspath() {
  local p="$1"
  case "$p" in
    /*) printf '%s\n' "$p" ;;
    *) printf '%s/%s\n' "$(cd "$(dirname "$p")" && pwd -P)" "$(basename "$p")" ;;
  esac
}

# 1. Explicit override. If it is set but wrong we fail loudly rather than
#    silently falling back: the user asked for that specific binary.
if [ -n "${TEMPORAL_CLI:-}" ]; then
  if [ -f "$TEMPORAL_CLI" ] && [ -x "$TEMPORAL_CLI" ]; then
    abspath "$TEMPORAL_CLI"
    exit 0
  fi
  log "TEMPORAL_CLI is set to '$TEMPORAL_CLI' but that is not an executable file."
  log "Fix the path, or unset TEMPORAL_CLI to let this script find/build one."
  exit 1
fi

# 2. Cached binary from an earlier run.
if [ -x "$CACHED" ]; then
  printf '%s\n' "$CACHED"
  exit 0
fi

# 3. Build from source with Go. Preferred over PATH so every developer and CI
#    run uses the same pinned version.
if command -v go >/dev/null 2>&1; then
  log "building Temporal CLI ${TEMPORAL_CLI_VERSION} from the Go module proxy (first run only, ~3 min)…"
  mkdir -p "$TOOLS_BIN"
  # Build into a temp GOBIN and move atomically, so an interrupted build never
  # leaves a half-written .tools/bin/temporal that step 2 would trust.
  tmp_gobin="$(mktemp -d "$REPO_ROOT/.tools/.gobin.XXXXXX")"
  trap 'rm -rf "$tmp_gobin"' EXIT
  if GOBIN="$tmp_gobin" go install "${TEMPORAL_CLI_MODULE}@${TEMPORAL_CLI_VERSION}" >&2; then
    mv -f "$tmp_gobin/temporal" "$CACHED"
    log "cached at $CACHED"
    printf '%s\n' "$CACHED"
    exit 0
  fi
  log "go install ${TEMPORAL_CLI_MODULE}@${TEMPORAL_CLI_VERSION} failed (see output above); trying PATH."
fi

# 4. Whatever is on PATH.
if on_path="$(command -v temporal 2>/dev/null)" && [ -n "$on_path" ]; then
  log "using temporal from PATH: $on_path (version not pinned)"
  abspath "$on_path"
  exit 0
fi

# 5. Nothing worked.
cat >&2 <<MSG
[temporal-cli] ERROR: no Temporal CLI found.
  Fix one of:
    - install Go (https://go.dev/dl/) and re-run; the CLI ${TEMPORAL_CLI_VERSION} is then
      built once into $CACHED
    - or set TEMPORAL_CLI=/absolute/path/to/temporal
    - or put a 'temporal' binary on PATH (https://docs.temporal.io/cli#install)
MSG
exit 1
