#!/usr/bin/env bash
# Ensures Schemathesis (the OpenAPI contract fuzzer the jest `contract` project runs) is installed and prints the
# absolute path of its `schemathesis` executable on the LAST line of stdout. Progress and errors go to stderr.
#
# Resolution order (first match wins):
#   1. $SCHEMATHESIS                       explicit override: an executable whose `--version` runs
#   2. .tools/schemathesis/venv            a virtualenv built by an earlier run, if its stamp matches (instant)
#   3. python3 -m venv + pip install       build that virtualenv from PyPI (first run only, ~15 s)
#   4. fail with instructions
#
# The version is pinned, and so is every transitive dependency (schemathesis-constraints.txt beside this script,
# the output of `pip freeze` in a fresh venv): hypothesis and jsonschema-rs release often, and a contract test
# that changes verdict because a fuzzer dependency moved is noise. To bump: install the new version in a scratch
# venv, write its `pip freeze` to the constraints file, and change SCHEMATHESIS_VERSION.
#
# Cache layout (.tools/ is git-ignored; delete .tools/schemathesis to force a rebuild):
#   .tools/schemathesis/venv/         the virtualenv (not relocatable, so it is built in place under a lock)
#   .tools/schemathesis/venv.stamp    what the venv was built from: version, constraints checksum, interpreter;
#                                     written last, so an interrupted build is never trusted
set -euo pipefail

SCHEMATHESIS_VERSION="4.32.5"
MIN_PYTHON="3.11" # schemathesis 4.32 declares Requires-Python >=3.11

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd -P)"
CONSTRAINTS="$SCRIPT_DIR/schemathesis-constraints.txt"
# Physical path: a venv's scripts carry its absolute path in their #! line, and .tools may be a symlink shared by
# several worktrees; the resolved path stays valid from each of them.
mkdir -p "$REPO_ROOT/.tools"
CACHE_DIR="$(cd "$REPO_ROOT/.tools" && pwd -P)/schemathesis"
VENV="$CACHE_DIR/venv"
STAMP="$CACHE_DIR/venv.stamp"
EXE="$VENV/bin/schemathesis"
LOCK_DIR="$CACHE_DIR/.lock"

log() { printf '[schemathesis] %s\n' "$*" >&2; }

abspath() {
  case "$1" in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s/%s\n' "$(cd "$(dirname "$1")" && pwd -P)" "$(basename "$1")" ;;
  esac
}

# 1. Explicit override. Fail loudly if it is wrong: the user asked for that specific executable.
if [ -n "${SCHEMATHESIS:-}" ]; then
  if [ -f "$SCHEMATHESIS" ] && [ -x "$SCHEMATHESIS" ] && "$SCHEMATHESIS" --version >/dev/null 2>&1; then
    abspath "$SCHEMATHESIS"
    exit 0
  fi
  log "SCHEMATHESIS is set to '$SCHEMATHESIS' but that is not an executable whose \`--version\` runs."
  log "Fix the path, or unset SCHEMATHESIS to let this script install schemathesis ${SCHEMATHESIS_VERSION}."
  exit 1
fi

[ -s "$CONSTRAINTS" ] || { log "ERROR: $CONSTRAINTS is missing; it pins schemathesis' dependencies."; exit 1; }

# The stamp names the interpreter the venv was made from (resolved, so a pyenv shim or an upgraded python3 that
# moved changes it): a venv whose base interpreter is gone is rebuilt instead of failing at run time.
wanted_stamp() {
  printf 'schemathesis=%s\nconstraints=%s\npython=%s\nvenv=%s\n' "$SCHEMATHESIS_VERSION" "$(cksum <"$CONSTRAINTS")" "$1" "$VENV"
}

venv_ok() { # python-id
  [ -x "$EXE" ] && [ -x "$VENV/bin/python" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$(wanted_stamp "$1")" ]
}

# 2. Prerequisites: a python3 new enough, with the venv module (Debian splits it into python3-venv) and ensurepip.
PYTHON="$(command -v python3 2>/dev/null || true)"
if [ -z "$PYTHON" ]; then
  log "ERROR: python3 not found on PATH; the contract tests run Schemathesis, a Python package."
  log "Install Python ${MIN_PYTHON}+ (Debian/Ubuntu: apt-get install python3 python3-venv), or set SCHEMATHESIS=/path/to/schemathesis."
  exit 1
fi
# One Python start: sys.executable resolves shims (pyenv) to the interpreter that actually runs.
if ! PY_ID="$("$PYTHON" -c 'import sys; print(sys.executable, "%d.%d.%d" % sys.version_info[:3])' 2>/dev/null)"; then
  log "ERROR: $PYTHON does not run (\`python3 -c\` failed)."
  exit 1
fi
if [ "$(printf '%s\n%s\n' "$MIN_PYTHON" "${PY_ID##* }" | sort -V | head -n1)" != "$MIN_PYTHON" ]; then
  log "ERROR: schemathesis ${SCHEMATHESIS_VERSION} needs Python ${MIN_PYTHON}+; python3 is ${PY_ID##* } (${PY_ID% *})."
  log "Install a newer Python as python3, or set SCHEMATHESIS=/path/to/schemathesis."
  exit 1
fi

# 3. Fast path: everything already in place (file tests and one string comparison, no Python start-up).
if venv_ok "$PY_ID"; then
  printf '%s\n' "$EXE"
  exit 0
fi

if ! "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  log "ERROR: python3 (${PY_ID}) has no working venv/ensurepip module, so no virtualenv can be made."
  log "Debian/Ubuntu: apt-get install python3-venv (or python3.X-venv matching python3 --version)."
  exit 1
fi

# shellcheck source=lock.sh
source "$SCRIPT_DIR/lock.sh"

mkdir -p "$CACHE_DIR"
acquire_lock "$LOCK_DIR" "installing schemathesis"
# Another process may have finished the install while we waited.
if venv_ok "$PY_ID"; then
  printf '%s\n' "$EXE"
  exit 0
fi

log "installing schemathesis ${SCHEMATHESIS_VERSION} into $VENV with pip (first run only, ~15 s)…"
rm -rf "$VENV" "$STAMP"
if ! "$PYTHON" -m venv "$VENV" >&2; then
  rm -rf "$VENV"
  log "ERROR: \`python3 -m venv $VENV\` failed (output above). Debian/Ubuntu: apt-get install python3-venv."
  exit 1
fi
# pip's output goes to stderr so our stdout stays one path. PIP_INDEX_URL etc. are honoured as usual.
if ! "$VENV/bin/python" -m pip install --disable-pip-version-check --no-input -q \
  -c "$CONSTRAINTS" "schemathesis==${SCHEMATHESIS_VERSION}" >&2; then
  rm -rf "$VENV"
  log "ERROR: pip could not install schemathesis==${SCHEMATHESIS_VERSION} (output above)."
  log "Check that PyPI is reachable (or PIP_INDEX_URL points at a mirror), or set SCHEMATHESIS=/path/to/schemathesis."
  exit 1
fi
if ! "$EXE" --version >/dev/null 2>&1; then
  rm -rf "$VENV"
  log "ERROR: schemathesis installed but \`$EXE --version\` does not run."
  exit 1
fi
printf '%s\n' "$(wanted_stamp "$PY_ID")" >"$STAMP.tmp.$$"
mv -f "$STAMP.tmp.$$" "$STAMP"
log "ready: $("$EXE" --version 2>/dev/null)"
printf '%s\n' "$EXE"
