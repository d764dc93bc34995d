# shellcheck shell=bash
# Sourced by the toolchain scripts: a cross-process lock around a slow first-run install, so that two jest
# workers or two worktrees sharing .tools never build the same cache at once. mkdir is atomic everywhere (flock is
# not on macOS). Needs the caller's `log` function. Usage: acquire_lock DIR "what the holder is doing"
acquire_lock() {
  local dir="$1" what="$2" waited=0 owner
  while ! mkdir "$dir" 2>/dev/null; do
    owner="$(cat "$dir/pid" 2>/dev/null || true)"
    if [ -n "$owner" ] && ! kill -0 "$owner" 2>/dev/null; then
      log "removing stale lock left by dead process $owner"
      rm -rf "$dir"
      continue
    fi
    if [ "$waited" -eq 0 ]; then log "waiting for another process $what…"; fi
    waited=$((waited + 1))
    if [ "$waited" -gt 3000 ]; then # ~10 min
      log "ERROR: timed out waiting for lock $dir (delete it if no other process is running)."
      exit 1
    fi
    sleep 0.2
  done
  echo $$ >"$dir/pid"
  # shellcheck disable=SC2064 # expand now: the trap must remove this lock
  trap "rm -rf '$dir'" EXIT
}
