#!/usr/bin/env bash
# Installs dependencies when missing or stale and builds when any source changed since the last build.
# Shared by `npm run up`, `npm run demo` and `npm run bench`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf '[build] %s\n' "$*" >&2; }

# Dependencies: missing, or package-lock.json changed since the last install.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing dependencies (npm install, versions from package-lock.json)…"
  # Not `npm ci`: registries configured with omit-lockfile-registry-resolved write lockfiles that `npm ci`
  # rejects for other platforms' optional packages (@swc/core-*); `npm install` keeps the locked versions.
  npm install --no-audit --no-fund
fi

# The console (apps/console) has its own package and lockfile (ESM + JSX; console-notes.md).
if [ ! -d apps/console/node_modules ] || [ apps/console/package-lock.json -nt apps/console/node_modules/.package-lock.json ]; then
  log "installing the console's dependencies (apps/console)…"
  npm install --prefix apps/console --no-audit --no-fund
fi

# Build when dist is missing or any TypeScript source / build config changed since the last build.
stamp=dist/.build-stamp
stale=""
if [ ! -f "$stamp" ] || [ ! -f dist/scripts/up.js ] || [ ! -f dist/console/index.html ]; then
  stale="no build yet"
else
  dirs=()
  for d in apps libs workflows activities scripts; do [ -d "$d" ] && dirs+=("$d"); done
  newer="$(find "${dirs[@]}" \( -name '*.ts' -o -name '*.tsx' -o -name '*.json' -o -name '*.css' -o -name '*.html' \) -not -path '*/node_modules/*' -not -path 'apps/console/src/api/schema.d.ts' -newer "$stamp" -print -quit 2>/dev/null || true)"
  if [ -n "$newer" ]; then
    stale="$newer changed"
  else
    for f in tsconfig.json tsconfig.build.json package-lock.json apps/console/package-lock.json apps/console/vite.config.ts; do
      if [ -f "$f" ] && [ "$f" -nt "$stamp" ]; then stale="$f changed"; break; fi
    done
  fi
fi
if [ -n "$stale" ]; then
  log "building ($stale)…"
  # Stamp with the time the build STARTED: a file saved during the build still counts as newer next time.
  build_started="$(mktemp)"
  trap 'rm -f "$build_started"' EXIT
  npm run build
  touch -r "$build_started" "$stamp"
  rm -f "$build_started"
  trap - EXIT
fi

