#!/bin/sh
# Temporal's two databases and their schemas, with Temporal's own schema tool (postgres12 plugin). The same script
# runs in `npm run up -- --topology production` (scripts/stack/temporal-server.ts, with the tool built into .tools/)
# and in docker/compose.yml (the `temporal-schema` service, temporalio/admin-tools). Every step is safe to rerun:
# create-database ignores an existing database, setup-schema -v 0.0 an existing versioning table, and update-schema
# applies only the versions not yet applied — which is also how a Temporal upgrade migrates its schema.
#
# Environment (the tool reads them itself): SQL_HOST, SQL_PORT, SQL_USER, SQL_PASSWORD; TEMPORAL_SQL_TOOL = the tool
# (default: temporal-sql-tool on PATH, as in the admin-tools image).
set -eu
tool="${TEMPORAL_SQL_TOOL:-temporal-sql-tool}"
export SQL_PLUGIN=postgres12
for pair in temporal:temporal temporal_visibility:visibility; do
  db="${pair%%:*}"
  schema="postgresql/v12/${pair#*:}"
  echo "[temporal-schema] $db: create-database, setup-schema -v 0.0, update-schema --schema-name $schema"
  "$tool" --db "$db" create-database
  "$tool" --db "$db" setup-schema -v 0.0
  "$tool" --db "$db" update-schema --schema-name "$schema"
done
