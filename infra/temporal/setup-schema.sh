#!/bin/sh
# One-shot: create Temporal's two databases on the shared PostgreSQL and bring their schemas to
# the version of the server image (idempotent: an existing database is kept, and update-schema
# applies only what is missing). Runs in temporalio/admin-tools.
set -eu
for db in temporal temporal_visibility; do
  temporal-sql-tool --plugin postgres12 --ep postgresql -p 5432 -u "$POSTGRES_USER" \
    --pw "$POSTGRES_PWD" --db "$db" create 2>/dev/null || echo "database $db exists"
done
schema=/etc/temporal/schema/postgresql/v12
temporal-sql-tool --plugin postgres12 --ep postgresql -p 5432 -u "$POSTGRES_USER" --pw "$POSTGRES_PWD" \
  --db temporal setup-schema -v 0.0 2>/dev/null || true
temporal-sql-tool --plugin postgres12 --ep postgresql -p 5432 -u "$POSTGRES_USER" --pw "$POSTGRES_PWD" \
  --db temporal update-schema -d "$schema/temporal/versioned"
temporal-sql-tool --plugin postgres12 --ep postgresql -p 5432 -u "$POSTGRES_USER" --pw "$POSTGRES_PWD" \
  --db temporal_visibility setup-schema -v 0.0 2>/dev/null || true
temporal-sql-tool --plugin postgres12 --ep postgresql -p 5432 -u "$POSTGRES_USER" --pw "$POSTGRES_PWD" \
  --db temporal_visibility update-schema -d "$schema/visibility/versioned"
echo "temporal schemas ready"
