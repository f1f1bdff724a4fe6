#!/usr/bin/env bash
# The README's commands as a new machine runs them: a fresh clone of this checkout's HEAD and every
# cache empty -- Keycloak distributions and the pulumi CLI (PKD_CACHE), Go's module and build
# caches, Maven's local repository, pip's cache -- then `make test` in it. With --pair, a second
# fresh clone runs `make demo` at the same moment on the same empty caches (two commands at once
# must take turns on the shared set-up, not break each other). Prints the set-up time, each
# command's wall time and summary line; exits non-zero if either failed.
#
#   make test-cold                  # or: scripts/cold_run.sh [--pair]
#   COLD_ROOT=/tmp/x KEEP_COLD=1 scripts/cold_run.sh    # keep the clone, caches and logs
set -uo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
pair=0
[ "${1:-}" = "--pair" ] && pair=1
root=${COLD_ROOT:-$(mktemp -d /tmp/pkd-cold.XXXXXX)}
mkdir -p "$root"
export PKD_CACHE=$root/cache GOPATH=$root/go GOMODCACHE=$root/go/mod GOCACHE=$root/go/build PIP_CACHE_DIR=$root/pip
export MAVEN_OPTS="${MAVEN_OPTS:-} -Dmaven.repo.local=$root/m2"
echo "[cold] root $root (caches empty: PKD_CACHE, GOMODCACHE, GOCACHE, maven.repo.local, PIP_CACHE_DIR)"
git clone -q "$src" "$root/test" || exit 1
[ $pair = 1 ] && { git clone -q "$src" "$root/demo" || exit 1; }
echo "[cold] clone of $(git -C "$src" rev-parse --short HEAD)"

started=$SECONDS
(cd "$root/test" && make test >"$root/test.log" 2>&1; echo $? >"$root/test.rc") &
test_pid=$!
if [ $pair = 1 ]; then
  (cd "$root/demo" && make demo >"$root/demo.log" 2>&1; echo $? >"$root/demo.rc"; echo $((SECONDS - started)) >"$root/demo.seconds") &
  demo_pid=$!
fi
wait $test_pid
test_seconds=$((SECONDS - started))
[ $pair = 1 ] && wait $demo_pid

rc=0
echo "[cold] make test: exit $(cat "$root/test.rc") after ${test_seconds}s (log: $root/test.log)"
grep -E '^\[(bootstrap|pulumi|keycloak|lock)\].*(ready|done|built|waited|fetching)' "$root/test.log" | sed 's/^/  /'
sed -n '/^=== wall time/,$p' "$root/test.log" | sed 's/^/  /'
[ "$(cat "$root/test.rc")" = 0 ] || rc=1
if [ $pair = 1 ]; then
  echo "[cold] make demo (at the same moment): exit $(cat "$root/demo.rc") after $(cat "$root/demo.seconds")s (log: $root/demo.log)"
  grep -E '^\[(lock)\]|unchanged|created|Resources:' "$root/demo.log" | sed 's/^/  /' | tail -8
  [ "$(cat "$root/demo.rc")" = 0 ] || rc=1
fi
if [ "${KEEP_COLD:-0}" != 1 ] && [ $rc = 0 ]; then
  chmod -R u+w "$root" 2>/dev/null; rm -rf "$root"   # Go's module cache is read-only
  echo "[cold] removed $root"
fi
exit $rc
