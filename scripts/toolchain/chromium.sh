#!/usr/bin/env bash
# Prints the absolute path of a Chromium executable for the browser tests on the LAST line of stdout.
# Everything else (progress, errors) goes to stderr.
#
# Resolution order (first match wins):
#   1. $CHROMIUM              explicit override, must be an executable file
#   2. /usr/bin/chromium      Debian's package
#   3. apt-get install        chromium + fonts-noto-cjk (Chinese text renders in screenshots), when run as root
#   4. fail with instructions
#
# Playwright's own browser download cannot work here (its download site is unreachable): @playwright/test drives
# Debian's Chromium through `launchOptions.executablePath` (console-notes.md). Exit 3: no Chromium and no way to
# install one (not root, no apt-get).
set -euo pipefail
log() { printf '[chromium] %s\n' "$*" >&2; }

if [ -n "${CHROMIUM:-}" ]; then
  [ -x "$CHROMIUM" ] || { log "CHROMIUM=$CHROMIUM is not an executable file"; exit 1; }
  printf '%s\n' "$CHROMIUM"
  exit 0
fi

SYSTEM=/usr/bin/chromium
if [ -x "$SYSTEM" ] && fc-list 2>/dev/null | grep -qi 'noto.*cjk'; then
  printf '%s\n' "$SYSTEM"
  exit 0
fi

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  log "no Chromium at $SYSTEM and cannot install it (needs root and apt-get): sudo apt-get install chromium fonts-noto-cjk, or set CHROMIUM=/path/to/chromium"
  exit 3
fi

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
# shellcheck source=lock.sh
source "$SCRIPT_DIR/lock.sh"
mkdir -p "$SCRIPT_DIR/../../.tools"
acquire_lock "$SCRIPT_DIR/../../.tools/chromium.lock" "installing Chromium"
if ! { [ -x "$SYSTEM" ] && fc-list 2>/dev/null | grep -qi 'noto.*cjk'; }; then
  log "installing chromium and fonts-noto-cjk with apt-get (about 40 s, once)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >&2
fi
[ -x "$SYSTEM" ] || { log "apt-get finished but $SYSTEM is missing"; exit 1; }
printf '%s\n' "$SYSTEM"
