#!/usr/bin/env bash
# The whole suite: lint and Django checks, then pytest on SQLite (everything but the clock tier) with,
# beside it, the PostgreSQL tier (marker `postgres`: the tests whose outcome can depend on the database,
# listed in tests/conftest.py POSTGRES_TIER) followed by the clock tier. Each pass prints its slowest
# tests and the time it took; CI must finish within 45 minutes.
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
  if [ -n "${BACKGROUND_PID:-}" ] && kill -0 "$BACKGROUND_PID" 2>/dev/null; then
    pkill -TERM -P "$BACKGROUND_PID" 2>/dev/null || true
    kill "$BACKGROUND_PID" 2>/dev/null || true
  fi
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
$BIN/lint-imports
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

# Three passes share the 2 cores: the SQLite pass in the foreground; beside it, in the background, the
# PostgreSQL tier and then the clock tier (marker `clock`: the demo's date plan for every day, and the
# demo seeded and served under faketime on six days). Each has its own databases, media folders and
# server processes, so they share only the CPU. The background output is printed when it ends.
STARTED=$SECONDS
BACKGROUND_LOG=$(mktemp)
PG_STATUS_FILE=$(mktemp)
CLOCK_STATUS_FILE=$(mktemp)
if DATABASE_URL=$(bash scripts/postgres.sh); then
  (
    echo "== the PostgreSQL tier (the search-cluster, browser and clock tiers run once, on SQLite)"
    status=0
    DATABASE_URL="$DATABASE_URL" $BIN/pytest -m "postgres and not opensearch and not browser and not clock" \
      -p no:cacheprovider --durations=15 "$@" || status=$?
    echo "$status" >"$PG_STATUS_FILE"
    echo "== PostgreSQL tier: ended $((SECONDS - STARTED)) s after the start of the tests"
    echo "== clock tier"
    status=0
    $BIN/pytest -m clock -p no:cacheprovider "$@" || status=$?
    echo "$status" >"$CLOCK_STATUS_FILE"
    echo "== clock tier: ended $((SECONDS - STARTED)) s after the start of the tests"
  ) >"$BACKGROUND_LOG" 2>&1 &
  BACKGROUND_PID=$!
else
  echo "PostgreSQL could not be started" >&2
  echo 1 >"$PG_STATUS_FILE"
  BACKGROUND_PID=""
fi

echo "== tests on SQLite (with the search-cluster and browser tests; PostgreSQL and clock tiers beside it)"
SQLITE_STATUS=0
$BIN/pytest -m "not clock" --durations=15 "$@" || SQLITE_STATUS=$?
echo "== SQLite pass: $((SECONDS - STARTED)) s"

if [ -n "$BACKGROUND_PID" ]; then
  wait "$BACKGROUND_PID" || true
fi
cat "$BACKGROUND_LOG"
PG_STATUS=$(cat "$PG_STATUS_FILE")
CLOCK_STATUS=$(cat "$CLOCK_STATUS_FILE")
rm -f "$BACKGROUND_LOG" "$PG_STATUS_FILE" "$CLOCK_STATUS_FILE"
echo "== all tests: $((SECONDS - STARTED)) s (SQLite ${SQLITE_STATUS}, PostgreSQL ${PG_STATUS:-?}, clock ${CLOCK_STATUS:-?})"
[ "$SQLITE_STATUS" -eq 0 ] && [ "${PG_STATUS:-1}" -eq 0 ] && [ "${CLOCK_STATUS:-1}" -eq 0 ]
