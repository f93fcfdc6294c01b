#!/usr/bin/env bash
# The whole suite: lint and Django checks, then pytest on SQLite, then pytest on PostgreSQL with the
# clock tier beside it.
# With CI set, nothing may be skipped for want of a service.
# The search node (scripts/search-node.sh) boots while lint runs; the cluster tests (marker
# `opensearch`) run once, in the SQLite pass, against SEARCH_TEST_URL; so do the browser tests
# (marker `browser`), whose live server has its own throw-away database whatever the pass.
# A node already running (or SEARCH_TEST_URL already set) is used and left alone; a node this script started is stopped at exit.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export PYTHONDONTWRITEBYTECODE=1
IN_CI=false
case "$(echo "${CI:-}" | tr '[:upper:]' '[:lower:]')" in 1 | true | yes) IN_CI=true ;; esac

NODE_OUT=$(mktemp)
NODE_PID=""
STARTED_NODE=false
cleanup() {
  local rc=$?
  if [ -n "$NODE_PID" ]; then wait "$NODE_PID" 2>/dev/null || true; fi
  if [ "$STARTED_NODE" = true ]; then bash scripts/search-node.sh stop || true; fi
  rm -f "$NODE_OUT"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "${SEARCH_TEST_URL:-}" ]; then
  NODE_STATUS=0
  bash scripts/search-node.sh status >/dev/null 2>&1 || NODE_STATUS=$?
  if [ "$NODE_STATUS" -eq 0 ]; then
    SEARCH_TEST_URL=$(bash scripts/search-node.sh url)
    echo "== search node already running at $SEARCH_TEST_URL (left running)"
  else
    # 3: not running, so this run starts it (and stops it at exit); otherwise one is still booting.
    [ "$NODE_STATUS" -eq 3 ] && STARTED_NODE=true
    bash scripts/search-node.sh start >"$NODE_OUT" &
    NODE_PID=$!
  fi
fi

echo "== lint and checks"
$BIN/ruff check .
$BIN/ruff format --check .
DJANGO_SETTINGS_MODULE=portal.settings.test $BIN/python manage.py check
DJANGO_SETTINGS_MODULE=portal.settings.test $BIN/python manage.py makemigrations --check --dry-run

if [ -n "$NODE_PID" ]; then
  echo "== search node"
  if wait "$NODE_PID"; then
    SEARCH_TEST_URL=$(cat "$NODE_OUT")
    echo "search node ready at $SEARCH_TEST_URL"
  else
    SEARCH_TEST_URL=""
    if [ "$IN_CI" = true ]; then
      echo "The search node could not be started, and CI requires it (see var/opensearch/logs/)." >&2
      exit 1
    fi
    echo "The search node could not be started: the tests marked opensearch will be skipped." >&2
  fi
  NODE_PID=""
fi
export SEARCH_TEST_URL

echo "== tests on SQLite (with the search-cluster and browser tests)"
$BIN/pytest -m "not clock" "$@"

# The clock tier (marker `clock`: the demo's date plan for every day, and the demo seeded and served
# under faketime on six days) runs once, beside the PostgreSQL pass: its servers are subprocesses on
# their own SQLite files, so the two passes share only the CPU.
CLOCK_LOG=$(mktemp)
echo "== clock tier (in the background, output below when it ends)"
$BIN/pytest -m clock -p no:cacheprovider "$@" >"$CLOCK_LOG" 2>&1 &
CLOCK_PID=$!

echo "== tests on PostgreSQL (the search-cluster, browser and clock tiers ran once, on SQLite)"
PG_STATUS=0
if DATABASE_URL=$(bash scripts/postgres.sh); then
  DATABASE_URL="$DATABASE_URL" $BIN/pytest -m "not opensearch and not browser and not clock" "$@" || PG_STATUS=$?
else
  echo "PostgreSQL could not be started" >&2
  PG_STATUS=1
fi
CLOCK_STATUS=0
wait "$CLOCK_PID" || CLOCK_STATUS=$?
echo "== clock tier"
cat "$CLOCK_LOG"
rm -f "$CLOCK_LOG"
[ "$PG_STATUS" -eq 0 ] && [ "$CLOCK_STATUS" -eq 0 ]
