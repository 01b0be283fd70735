#!/usr/bin/env bash
# Creates the named Postgres databases if they are missing (idempotent).
set -euo pipefail
for db in "$@"; do
  psql -h 127.0.0.1 -U root -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 \
    || psql -h 127.0.0.1 -U root -d postgres -qc "CREATE DATABASE \"$db\""
done
