#!/usr/bin/env bash
# npm run demo: the scripted walk-through on its own throw-away stack (see scripts/demo.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-build.sh
exec node dist/scripts/demo.js "$@"
