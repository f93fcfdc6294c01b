#!/usr/bin/env bash
# The whole suite: lint and Django checks, then pytest on SQLite, then pytest on PostgreSQL.
# With CI set, nothing may be skipped for want of a service.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export PYTHONDONTWRITEBYTECODE=1

echo "== lint and checks"
$BIN/ruff check .
$BIN/ruff format --check .
DJANGO_SETTINGS_MODULE=portal.settings.test $BIN/python manage.py check
DJANGO_SETTINGS_MODULE=portal.settings.test $BIN/python manage.py makemigrations --check --dry-run

echo "== tests on SQLite"
$BIN/pytest "$@"

echo "== tests on PostgreSQL"
if DATABASE_URL=$(bash scripts/postgres.sh); then
  DATABASE_URL="$DATABASE_URL" $BIN/pytest "$@"
else
  echo "PostgreSQL could not be started" >&2
  exit 1
fi
