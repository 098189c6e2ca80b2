#!/usr/bin/env bash
# Adds one migration to all three providers' migrations projects: bash deploy/add-migration.sh <Name>
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: deploy/add-migration.sh <MigrationName>}"
dotnet tool restore >/dev/null
dotnet build src/SmartEldercare.Web -c Debug -nologo -v q
for provider in Sqlite SqlServer PostgreSql; do
  echo "== $provider"
  # A dummy connection string is enough: adding a migration never connects.
  cs="Data Source=design.db"
  [ "$provider" = SqlServer ] && cs="Server=localhost;Database=design;Trusted_Connection=True;TrustServerCertificate=True"
  [ "$provider" = PostgreSql ] && cs="Host=localhost;Database=design;Username=design;Password=design"
  dotnet ef migrations add "$name" --no-build \
    --project "src/Migrations/SmartEldercare.Migrations.$provider" \
    --startup-project src/SmartEldercare.Web \
    --output-dir Migrations \
    -- --Database:Provider "$provider" --Database:ConnectionString "$cs" --Seed:Demo false --Database:MigrateOnStartup false
done
