#!/usr/bin/env bash
# `npm test`: dependencies, toolchain (Temporal CLI for the e2e dev server, Temporal server for the production topology,
# Java time-skipping test server for the workflow tests, Schemathesis for the contract tests), typecheck, then all jest
# projects (unit, integration, workflow, e2e, topology, and contract last). Extra arguments go to jest, e.g.
#   npm test -- --selectProjects unit
#   npm test -- workflows/project-registration
#   CONTRACT_RUNS=developer npm test -- --selectProjects contract
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf '[test] %s\n' "$*" >&2; }

bash scripts/ensure-build.sh

log "toolchain: Temporal CLI"
if ! bash scripts/toolchain/temporal-cli.sh >/dev/null; then
  log "ERROR: no Temporal CLI (see above); the e2e tests need it for their Temporal dev server."
  exit 1
fi

# The production topology test (test/topology) runs Temporal server on PostgreSQL: built once into .tools/ from the
# Go module proxy (a fresh machine: ~25 min for the server on 2 busy cores; README, "The production topology").
log "toolchain: Temporal server, its schema tool and the Web UI (production topology)"
for component in server sql-tool ui; do
  if ! bash scripts/toolchain/temporal-server.sh "$component" >/dev/null; then
    log "ERROR: could not build the Temporal $component (see above); the production topology test needs it."
    exit 1
  fi
done

log "toolchain: Java time-skipping test server"
set +e
bash scripts/toolchain/test-server.sh >/dev/null
rc=$?
set -e
case "$rc" in
  0) ;;
  3) log "java/mvn not available: the workflow tests will use the SDK's test-server download fallback (needs internet)." ;;
  *) log "ERROR: scripts/toolchain/test-server.sh failed (exit $rc, see above)."; exit "$rc" ;;
esac

log "toolchain: Schemathesis (Python venv under .tools/schemathesis)"
if ! bash scripts/toolchain/schemathesis.sh >/dev/null; then
  log "ERROR: no Schemathesis (see above); the contract tests run it against the API's OpenAPI document."
  exit 1
fi

log "toolchain: Chromium for the console's browser tests (Debian's package)"
set +e
CHROMIUM="$(bash scripts/toolchain/chromium.sh | tail -n 1)"
rc=$?
set -e
case "$rc" in
  0) export CHROMIUM ;;
  3) log "ERROR: no Chromium and no way to install it here (see above); the console's browser tests need it."; exit 1 ;;
  *) log "ERROR: scripts/toolchain/chromium.sh failed (exit $rc, see above)."; exit "$rc" ;;
esac

log "typecheck (tsc --noEmit; the console's own typecheck ran with its build)"
npx tsc -p tsconfig.json --noEmit

# In band: a 2-core box, and the PostgreSQL / Temporal servers of the global setup are shared by all test files.
log "lint (floating promises, folder dependency direction)"
npx eslint .

log "jest"
mkdir -p .data
set +e
npx jest --runInBand --json --outputFile=.data/jest-results.json "$@"
rc=$?
set -e

# The console in a real browser (test/ui/*.pw.ts), unless jest was asked for a subset (arguments given).
ui_rc=0
if [ "$#" -eq 0 ]; then
  log "browser tests (Playwright on Debian's Chromium, test/ui)"
  set +e
  npx playwright test
  ui_rc=$?
  set -e
fi

# One plain closing line that any CI reader understands.
node -e '
  const r = require("./.data/jest-results.json");
  let ui = "";
  try { const p = require("./.data/ui/report.json").stats; ui = `; browser: ${p.expected} passed, ${p.unexpected} failed`; } catch {}
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${ui}`);
' 2>/dev/null || true
[ "$rc" -ne 0 ] && exit "$rc"
exit "$ui_rc"
