#!/usr/bin/env bash
# Prints the absolute path of a pgbench binary that runs (`--version` succeeds) as the ONLY stdout line.
# Progress and errors go to stderr. Used by the PostgreSQL baseline of `npm run bench`.
#
# Resolution order (first match wins):
#   1. $PGBENCH                            explicit override, must be an executable file that runs
#   2. /usr/lib/postgresql/*/bin/pgbench   Debian/Ubuntu real binaries, highest version first
#   3. `pgbench` on PATH                   Homebrew, RHEL's /usr/pgsql-*/bin, … (never Debian's pg_wrapper)
#   4. apt-get install postgresql-client   Debian/Ubuntu only, then steps 2-3 again
#   5. fail with instructions
#
# Any client version works: pgbench 15 against the embedded PostgreSQL 18 server is fine.
set -euo pipefail

log() { printf '[pgbench] %s\n' "$*" >&2; }

abspath() {
  case "$1" in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s/%s\n' "$(cd "$(dirname "$1")" && pwd -P)" "$(basename "$1")" ;;
  esac
}

runs() { [ -f "$1" ] && [ -x "$1" ] && "$1" --version >/dev/null 2>&1; }

# 1. Explicit override. Fail loudly if it is wrong: the user asked for that specific binary.
if [ -n "${PGBENCH:-}" ]; then
  if runs "$PGBENCH"; then
    abspath "$PGBENCH"
    exit 0
  fi
  log "PGBENCH is set to '$PGBENCH' but that is not an executable that runs \`--version\`."
  log "Fix the path, or unset PGBENCH to let this script find/install one."
  exit 1
fi

detect() {
  local p on_path
  # 2. Debian's /usr/bin/pgbench is a symlink to pg_wrapper (postgresql-client-common), which picks a version
  #    from local cluster config and fails when no postgresql-client-N is installed; the real binaries are here.
  #    Glob + sort -V so 16 beats 9.6; an unmatched glob stays literal and fails `runs`.
  while IFS= read -r p; do
    if runs "$p"; then printf '%s\n' "$p"; return 0; fi
  done < <(printf '%s\n' /usr/lib/postgresql/*/bin/pgbench | sort -rV)
  # 3. PATH, skipping pg_wrapper: where it would work, step 2 has already found the binary behind it.
  if on_path="$(command -v pgbench 2>/dev/null)" && [ -n "$on_path" ]; then
    case "$(readlink -f "$on_path" 2>/dev/null || true)" in
      */pg_wrapper) ;;
      *) if runs "$on_path"; then abspath "$on_path"; return 0; fi ;;
    esac
  fi
  return 1
}

if detect; then exit 0; fi

# 4. Install the client package. apt output goes to stderr so our stdout stays a single path.
if command -v apt-get >/dev/null 2>&1; then
  sudo=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else log "not root and no sudo: cannot apt-get install."; fi
  fi
  if [ "$(id -u)" = 0 ] || [ "${#sudo[@]}" -gt 0 ]; then
    log "pgbench not found; installing postgresql-client with apt-get (first run only)…"
    export DEBIAN_FRONTEND=noninteractive
    if "${sudo[@]+"${sudo[@]}"}" apt-get update >&2 &&
      "${sudo[@]+"${sudo[@]}"}" apt-get install -y --no-install-recommends postgresql-client >&2; then
      if detect; then exit 0; fi
    else
      log "apt-get install postgresql-client failed (see output above)."
    fi
  fi
fi

# 5. Nothing worked.
log "ERROR: no working pgbench; install it (Debian/Ubuntu: apt-get install postgresql-client; macOS: brew install libpq) or set PGBENCH=/path/to/pgbench."
exit 1
