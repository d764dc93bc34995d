#!/bin/sh
# First start of the compose cluster only (docker-entrypoint-initdb.d): Temporal's own login, which owns the
# `temporal` and `temporal_visibility` databases that Temporal's schema tool creates. `npm run up -- --topology
# production` creates the same role (scripts/stack/temporal-server.ts: ensureTemporalRole).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -v pw="${TEMPORAL_DB_PASSWORD:-temporal}" <<'SQL'
CREATE ROLE temporal LOGIN CREATEDB PASSWORD :'pw';
SQL
