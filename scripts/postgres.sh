#!/usr/bin/env bash
# Start the local PostgreSQL cluster and make sure the portal's role exists; prints the DATABASE_URL.
# Used by `make test` (the PostgreSQL pass) and `make bench`. Needs root (or sudo) on Debian.
set -euo pipefail
PGUSER_NAME=${PORTAL_PG_USER:-portal}
PGPASS=${PORTAL_PG_PASSWORD:-portal}
PGDB=${PORTAL_PG_DB:-portal}
PGPORT=${PORTAL_PG_PORT:-5432}

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  bash "$(dirname "$0")/system-deps.sh" >&2
fi
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$1"; else sudo -u postgres sh -c "$1"; fi; }

VERSION=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$VERSION main$"; then
  pg_createcluster "$VERSION" main -p "$PGPORT" >&2
fi
STATUS=$(pg_lsclusters -h | awk -v v="$VERSION" '$1==v && $2=="main" {print $4}')
if [ "$STATUS" != "online" ]; then
  pg_ctlcluster "$VERSION" main start >&2
fi
PORT=$(pg_lsclusters -h | awk -v v="$VERSION" '$1==v && $2=="main" {print $3}')
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$PORT" && break
  sleep 1
done
pg_isready -q -h 127.0.0.1 -p "$PORT" || { echo "PostgreSQL did not become ready" >&2; exit 1; }

as_postgres "psql -p $PORT -tAc \"SELECT 1 FROM pg_roles WHERE rolname='$PGUSER_NAME'\"" | grep -q 1 \
  || as_postgres "psql -p $PORT -qc \"CREATE ROLE $PGUSER_NAME LOGIN PASSWORD '$PGPASS' CREATEDB\"" >&2
as_postgres "psql -p $PORT -tAc \"SELECT 1 FROM pg_database WHERE datname='$PGDB'\"" | grep -q 1 \
  || as_postgres "createdb -p $PORT -O $PGUSER_NAME $PGDB" >&2

echo "postgres://$PGUSER_NAME:$PGPASS@127.0.0.1:$PORT/$PGDB"
